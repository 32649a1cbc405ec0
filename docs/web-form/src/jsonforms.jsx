// coparent's JSON Schema and JSON Forms UI schema rendered with JSON Forms' Material renderers,
// with the example document as its data: what a case system built on JSON Forms would show.
// `?kind=referral` picks the document. The page keeps JSON Forms' latest validation errors in
// window.coparentJsonForms, for the browser tests (tests/js/jsonforms_page.cjs).
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { JsonForms } from "@jsonforms/react";
import { materialCells, materialRenderers } from "@jsonforms/material-renderers";
import { LocalizationProvider } from "@mui/x-date-pickers";
import { AdapterDayjs } from "@mui/x-date-pickers/AdapterDayjs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import "dayjs/locale/en-gb";
import planSchema from "../../../schemas/parenting_plan.schema.json";
import planUi from "../../../schemas/parenting_plan.jsonforms.json";
import planExample from "../../examples/parenting_plan.json";
import referralSchema from "../../../schemas/referral.schema.json";
import referralUi from "../../../schemas/referral.jsonforms.json";
import referralExample from "../../examples/referral.json";
import reviewSchema from "../../../schemas/review.schema.json";
import reviewUi from "../../../schemas/review.jsonforms.json";
import reviewExample from "../../examples/review.json";

const KINDS = {
  parenting_plan: { schema: planSchema, uischema: planUi, data: planExample },
  referral: { schema: referralSchema, uischema: referralUi, data: referralExample },
  review: { schema: reviewSchema, uischema: reviewUi, data: reviewExample },
};

// JSON Forms' own ajv is draft-07; coparent's schemas are draft 2020-12. The same options as
// JSON Forms' createAjv otherwise.
function makeAjv() {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, addUsedSchema: false });
  addFormats(ajv);
  return ajv;
}

const ajv = makeAjv();
window.coparentJsonForms = { errors: null, changes: 0 };

function App({ kind }) {
  const { schema, uischema, data: initial } = KINDS[kind];
  const [data, setData] = useState(initial);
  return (
    <JsonForms
      schema={schema}
      uischema={uischema}
      data={data}
      renderers={materialRenderers}
      cells={materialCells}
      ajv={ajv}
      onChange={({ data: next, errors }) => {
        window.coparentJsonForms = {
          errors: (errors || []).map((e) => ({ path: e.instancePath, message: e.message, keyword: e.keyword })),
          changes: window.coparentJsonForms.changes + 1,
        };
        setData(next);
      }}
    />
  );
}

const requested = new URLSearchParams(window.location.search).get("kind");
const kind = requested in KINDS ? requested : "parenting_plan";
document.getElementById("kind").textContent = kind;
createRoot(document.getElementById("app")).render(
  <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale="en-gb">
    <App kind={kind} />
  </LocalizationProvider>,
);
