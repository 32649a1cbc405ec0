// An example web form for coparent documents: the exported JSON Schema and UI schema rendered
// with react-jsonschema-form and validated in the browser with ajv (the same schemas a server
// checks with coparent.validate). The submitted JSON is shown below the form.
import { useCallback, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import Form, { getDefaultRegistry } from "@rjsf/core";
import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";
import planSchema from "../../../schemas/parenting_plan.schema.json";
import planUi from "../../../schemas/parenting_plan.uischema.json";
import referralSchema from "../../../schemas/referral.schema.json";
import referralUi from "../../../schemas/referral.uischema.json";
import reviewSchema from "../../../schemas/review.schema.json";
import reviewUi from "../../../schemas/review.uischema.json";

const KINDS = {
  parenting_plan: { label: "Parenting plan", schema: planSchema, uiSchema: planUi },
  referral: { label: "Referral", schema: referralSchema, uiSchema: referralUi },
  review: { label: "Review", schema: reviewSchema, uiSchema: reviewUi },
};

// A required choice starts empty: RJSF would otherwise fill it with its first option, and a
// referral submitted untouched would say "self-referral" without anyone choosing it.
const DEFAULT_FORM_STATE = { constAsDefaults: "skipOneOf" };

// Draft 2020-12 schemas need ajv's Ajv2020 class; @rjsf/validator-ajv8 adds ajv-formats itself.
const validator = customizeValidator({ AjvClass: Ajv2020 });

// --- ids: people never type them ------------------------------------------------------------

function newItemId() {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 12);
}

function resolve(schema, root) {
  while (schema && schema.$ref) schema = root.$defs[schema.$ref.split("/").pop()];
  return schema;
}

function pickOption(schema, data, root) {
  const options = (schema.oneOf || schema.anyOf || []).map((o) => resolve(o, root));
  const objects = options.filter((o) => o && o.type === "object");
  // A tagged union ("type": "...") picks its option by the tag; an optional object has one.
  return objects.find((o) => o.properties?.type?.const === data.type) || objects[0];
}

/** A copy of `data` in which every object whose schema has an `id` has one: a fresh UUID for
 * a document, a 12-character id for a list item. Ids that are already there are kept. */
export function fillIds(schema, data, root) {
  schema = resolve(schema, root);
  if (!schema || data === null || typeof data !== "object") return data;
  if (Array.isArray(data)) {
    return schema.items ? data.map((item) => fillIds(schema.items, item, root)) : data;
  }
  if (!schema.properties && (schema.oneOf || schema.anyOf)) {
    const option = pickOption(schema, data, root);
    return option ? fillIds(option, data, root) : data;
  }
  if (!schema.properties) return data;
  const out = { ...data };
  for (const [name, property] of Object.entries(schema.properties)) {
    if (name === "id" && (out.id === undefined || out.id === "")) {
      out.id = resolve(property, root).format === "uuid" ? crypto.randomUUID() : newItemId();
    } else if (name in out) {
      out[name] = fillIds(property, out[name], root);
    }
  }
  return out;
}

// --- errors in plain English, from the schema's own titles ---------------------------------------

/** The schema of the value at an RJSF error's `property` (".children.0.name"), or null. */
export function schemaAt(schema, property, root) {
  let node = resolve(schema, root);
  const tokens = property.replace(/\['([^']*)'\]/g, ".$1").split(".").filter(Boolean);
  for (const token of tokens) {
    if (!node) return null;
    if (/^[0-9]+$/.test(token) && node.items) {
      node = resolve(node.items, root);
      continue;
    }
    const options = (node.oneOf || node.anyOf || []).map((o) => resolve(o, root));
    const holder = node.properties ? node : options.find((o) => o?.properties?.[token]);
    const property = holder?.properties[token];
    // A property's own title wins over the title of the definition it refers to.
    node = property ? { ...resolve(property, root), title: property.title } : null;
  }
  return node;
}

const TIME_HINT = "use the 24-hour clock, such as 17:30";

/** Rewrite ajv's errors for people: every message names the field by its title and says what to
 * do; no regular expression is ever shown. Errors that only say "the other option of a choice
 * did not match" are dropped: a parent sees the errors of the option they picked. */
export function plainErrors(errors, schema) {
  const out = [];
  for (const error of errors) {
    const name = error.name;
    if (name === "oneOf" || name === "anyOf" || name === "if") continue;
    // "must be null" (the "Not given" option) and the tag of an option not picked.
    if (name === "type" && error.params?.type === "null") continue;
    if (name === "const" && /\.type$/.test(error.property || "")) continue;
    let property = error.property || "";
    if (name === "required" && error.params?.missingProperty) {
      const missing = error.params.missingProperty;
      if (property !== missing && !property.endsWith(`.${missing}`)) property = `${property}.${missing}`;
    }
    const node = schemaAt(schema, property, schema) || {};
    const tokens = property.split(".").filter(Boolean);
    const parent = tokens.length > 1 && !/^[0-9]+$/.test(tokens[tokens.length - 2])
      ? schemaAt(schema, tokens.slice(0, -1).join("."), schema)
      : null;
    // "First parent – Full name": a title alone may name a field of both parents.
    const title = (parent?.title ? `${parent.title} – ` : "") + (node.title || "This field");
    let message;
    if (name === "required") message = `${title}: please fill this in`;
    else if (name === "pattern" || name === "format") {
      if (node.format === "date") message = `${title}: enter a real date`;
      else if (node.format === "date-time") message = `${title}: enter a real date and time`;
      else if (node.pattern && node.pattern.startsWith("^([01]")) message = `${title}: ${TIME_HINT}`;
      else if (node.examples?.length) message = `${title}: enter it like ${node.examples[0]}`;
      else message = `${title}: check what you entered (letters and digits, no spaces)`;
    } else if (name === "not") message = `${title}: remove the invisible characters`;
    else if (name === "minimum") message = `${title}: at least ${error.params.limit}`;
    else if (name === "maximum") message = `${title}: at most ${error.params.limit}`;
    else if (name === "uniqueItems") message = `${title}: name each one once`;
    else if (name === "const" || name === "enum") message = `${title}: choose one of the options`;
    else if (name === "type") message = `${title}: ${node.type === "integer" ? "enter a whole number" : "fill this in"}`;
    else message = `${title}: check what you entered`;
    out.push({ ...error, property, message, stack: message });
  }
  // One message per field and problem.
  return out.filter((e, i) => out.findIndex((f) => f.property === e.property && f.message === e.message) === i);
}

// --- dates and clock times as people in the UK write them -----------------------------------

// A browser's own date and time inputs follow the browser's language, not the page's: an
// en-US browser shows a British parent 05/04/2018 for the 4th of May and a 12-hour clock.
// These widgets show and read day/month/year and the 24-hour clock whatever the browser, and
// store what coparent stores: ISO 8601 dates (YYYY-MM-DD) and wall-clock times (HH:MM:SS).

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** "4/5/2018", "04-05-2018", "04.05.2018" or ISO "2018-05-04" -> "2018-05-04"; else null. */
export function parseBritishDate(text) {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let [year, month, day] = m ? [m[1], m[2], m[3]].map(Number) : [];
  if (!m) {
    m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
    if (!m) return null;
    [day, month, year] = [m[1], m[2], m[3]].map(Number);
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over to March in Date: only a real day of that month is a date.
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** "2018-05-04" -> "04/05/2018" (anything else as it is). */
export function britishDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || "";
}

/** "17:30", "17.30", "1730", "7:05" or "17:30:00" -> "17:30:00"; else null. 24-hour only. */
export function parseClockTime(text) {
  const m = /^(\d{1,2})[:.]?(\d{2})(?::00)?$/.exec(text.trim());
  if (!m) return null;
  const [hours, minutes] = [Number(m[1]), Number(m[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}:00`;
}

/** A text box that shows a stored value its own way and stores what `parse` makes of the text.
 * Text that does not parse is passed on as typed, so ajv refuses it with the field's own error. */
function FormattedTextWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, hint, show, parse, inputMode }) {
  const [text, setText] = useState(() => show(value));
  // What this box last stored: a different value came from outside (a moved list item).
  const emitted = useRef(value);
  if (value !== emitted.current) {
    emitted.current = value;
    setText(show(value));
  }
  const store = (t) => {
    emitted.current = t.trim() === "" ? undefined : parse(t) ?? t;
    onChange(emitted.current);
  };
  return (
    <>
      <input
        type="text"
        id={id}
        name={id}
        className="form-control"
        inputMode={inputMode}
        autoComplete="off"
        value={text}
        required={required}
        disabled={disabled || readonly}
        aria-describedby={`${id}__format`}
        onChange={(e) => {
          setText(e.target.value);
          store(e.target.value);
        }}
        onBlur={(e) => {
          const parsed = parse(e.target.value);
          if (parsed) setText(show(parsed));
          onBlur(id, parsed ?? e.target.value);
        }}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
      <span id={`${id}__format`} className="format-hint">{hint}</span>
    </>
  );
}

function BritishDateWidget(props) {
  return (
    <FormattedTextWidget
      {...props}
      hint="Day, month and year, such as 24/07/2027"
      show={britishDate}
      parse={parseBritishDate}
      inputMode="numeric"
    />
  );
}

function ClockTimeWidget(props) {
  return (
    <FormattedTextWidget
      {...props}
      hint="24-hour clock, such as 17:30"
      show={(v) => (typeof v === "string" ? v.slice(0, 5) : "")}
      parse={parseClockTime}
      inputMode="numeric"
    />
  );
}

// --- pick a handover (or a child) by its name, not its id ---------------------------------------

/** Every object in `data` whose schema is `#/$defs/<name>`. */
export function itemsOf(name, schema, data, root, out = []) {
  if (data === null || typeof data !== "object" || !schema) return out;
  if (schema.$ref === `#/$defs/${name}` && !Array.isArray(data)) out.push(data);
  schema = resolve(schema, root);
  if (!schema) return out;
  if (Array.isArray(data)) {
    for (const item of data) itemsOf(name, schema.items, item, root, out);
    return out;
  }
  for (const option of schema.oneOf || schema.anyOf || []) {
    if (option.$ref || option.type === "object") itemsOf(name, option, data, root, out);
  }
  for (const [key, property] of Object.entries(schema.properties || {})) {
    if (key in data) itemsOf(name, property, data[key], root, out);
  }
  return out;
}

/** An item's name from its class's template ("{place}: {place_details}"), choices by title. */
function itemLabel(template, item, def, root) {
  const text = (template || "").replace(/\{(\w+)\}/g, (_, field) => {
    const value = item[field];
    const property = resolve(def?.properties?.[field], root);
    const option = (property?.oneOf || []).find((o) => o.const === value);
    return option?.title ?? (value == null ? "" : String(value));
  });
  return text.replace(/^[:\s]+|[:\s]+$/g, "");
}

function ReferenceWidget({ id, value, options, registry, required, disabled, readonly, onChange, onBlur, onFocus }) {
  const { formData, schema } = registry.formContext;
  const def = schema.$defs[options.refersTo];
  const items = itemsOf(options.refersTo, schema, formData, schema).filter((item) => item.id);
  return (
    <select
      id={id}
      name={id}
      className="form-control"
      value={value || ""}
      required={required}
      disabled={disabled || readonly}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    >
      <option value="">Not given</option>
      {items.map((item, i) => (
        <option key={item.id} value={item.id}>
          {itemLabel(options.label, item, def, schema) || `${def?.title || "Item"} ${i + 1}`}
        </option>
      ))}
    </select>
  );
}

// --- an optional choice: one dropdown, "Not given" first ------------------------------------------

function OptionalChoiceField({ schema, uiSchema, formData, onChange, idSchema, registry, name, disabled, readonly }) {
  const root = registry.rootSchema;
  const choice = (schema.anyOf || []).map((o) => resolve(o, root)).find((o) => o && o.oneOf);
  const id = idSchema.$id;
  const help = uiSchema?.["ui:help"];
  return (
    <div className="form-group field field-string">
      <label htmlFor={id} className="control-label">{schema.title || name}</label>
      <select
        id={id}
        name={id}
        className="form-control"
        value={formData ?? ""}
        disabled={disabled || readonly}
        aria-describedby={help ? `${id}__help` : undefined}
        onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
      >
        <option value="">Not given</option>
        {(choice?.oneOf || []).map((o) => (
          <option key={o.const} value={o.const}>{o.title}</option>
        ))}
      </select>
      {help && <p id={`${id}__help`} className="help-block">{help}</p>}
    </div>
  );
}

// --- one step per section, with progress ---------------------------------------------------------

const DefaultObjectFieldTemplate = getDefaultRegistry().templates.ObjectFieldTemplate;

/** The document's own fields are the first step; each section, list or choice is a step. */
function steps(props) {
  const root = props.registry.rootSchema;
  const own = { title: props.schema.title || "About", items: [] };
  const out = [own];
  for (const property of props.properties) {
    const schema = resolve(props.schema.properties[property.name], root) || {};
    const big = schema.type === "object" || schema.type === "array" || schema.oneOf || schema.anyOf;
    const inner = schema.anyOf ? resolve(schema.anyOf.find((o) => o.type !== "null"), root) : schema;
    const isChoice = Array.isArray(inner?.oneOf) && inner.oneOf.every((o) => "const" in o);
    if (big && !isChoice) {
      out.push({ title: props.schema.properties[property.name].title || property.name, items: [property] });
    } else {
      own.items.push(property);
    }
  }
  return out;
}

function StepsObjectFieldTemplate(props) {
  const [current, setCurrent] = useState(0);
  if (props.idSchema.$id !== "root") return <DefaultObjectFieldTemplate {...props} />;
  const all = steps(props);
  const at = Math.min(current, all.length - 1);
  const go = (i) => {
    setCurrent(i);
    window.scrollTo(0, 0);
  };
  return (
    <div>
      <nav aria-label="Steps" className="steps">
        <ol>
          {all.map((step, i) => (
            <li key={step.title}>
              <button type="button" aria-current={i === at ? "step" : undefined} onClick={() => go(i)}>
                {step.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <p id="step-progress">Step {at + 1} of {all.length}: {all[at].title}</p>
      <progress max={all.length} value={at + 1} aria-labelledby="step-progress" />
      {all.map((step, i) => (
        <div key={step.title} hidden={i !== at}>
          {step.items.map((property) => property.content)}
        </div>
      ))}
      <p>
        <button type="button" disabled={at === 0} onClick={() => go(at - 1)}>Back</button>
        <button type="button" disabled={at === all.length - 1} onClick={() => go(at + 1)}>Next</button>
      </p>
    </div>
  );
}

// --- the option picker of an optional section or a tagged choice, with its name -----------------

// RJSF's own picker (the "__anyof_select" / "__oneof_select") has no label: screen readers
// announce an unnamed list. This one is named by the field's title.
const DefaultSelectWidget = getDefaultRegistry().widgets.SelectWidget;

function SelectWidget(props) {
  const { id, label, options, value, onChange, disabled, readonly } = props;
  if (!/__(any|one)of_select$/.test(id)) return <DefaultSelectWidget {...props} />;
  return (
    <select
      id={id}
      name={id}
      className="form-control"
      aria-label={label || "Which option"}
      value={value === undefined || value === null ? "" : String(value)}
      disabled={disabled || readonly}
      onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
    >
      {(value === undefined || value === null) && <option value="">Choose one</option>}
      {options.enumOptions.map((o) => (
        <option key={String(o.value)} value={String(o.value)}>{o.label}</option>
      ))}
    </select>
  );
}

// Field descriptions are shown once, as help text under the field (the UI schema's ui:help),
// not a second time under the label.
function DescriptionFieldTemplate() {
  return null;
}

// noHtml5Validate: ajv reports every problem at once, by the schema the server uses; the
// browser's own checks would stop at the first missing field.
function DocumentForm({ kind }) {
  const { schema, uiSchema } = KINDS[kind];
  const [formData, setFormData] = useState(() => fillIds(schema, {}, schema));
  const [submitted, setSubmitted] = useState(null);
  const onChange = useCallback(({ formData: data }) => setFormData(fillIds(schema, data, schema)), [schema]);
  const transformErrors = useCallback((errors) => plainErrors(errors, schema), [schema]);
  const onSubmit = useCallback(({ formData: data }) => {
    setSubmitted(JSON.stringify(fillIds(schema, data, schema), null, 2));
  }, [schema]);
  return (
    <>
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={formData}
        validator={validator}
        widgets={{ DateWidget: BritishDateWidget, TimeWidget: ClockTimeWidget, SelectWidget, reference: ReferenceWidget }}
        fields={{ optionalChoice: OptionalChoiceField }}
        formContext={{ formData, schema }}
        templates={{ DescriptionFieldTemplate, ObjectFieldTemplate: StepsObjectFieldTemplate }}
        onChange={onChange}
        onSubmit={onSubmit}
        transformErrors={transformErrors}
        experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
        showErrorList="top"
        noHtml5Validate
      />
      {submitted && (
        <section>
          <h2>Submitted JSON</h2>
          <pre id="submitted">{submitted}</pre>
        </section>
      )}
    </>
  );
}

function App() {
  const initial = new URLSearchParams(window.location.search).get("kind");
  const [kind, setKind] = useState(initial in KINDS ? initial : "parenting_plan");
  return (
    <>
      <nav aria-label="Document">
        {Object.entries(KINDS).map(([key, { label }]) => (
          <button key={key} type="button" aria-pressed={key === kind} onClick={() => setKind(key)}>
            {label}
          </button>
        ))}
      </nav>
      <DocumentForm key={kind} kind={kind} />
    </>
  );
}

createRoot(document.getElementById("app")).render(<App />);
