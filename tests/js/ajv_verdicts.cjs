// Compile coparent's exported JSON Schemas with ajv (strict mode, ajv-formats) and validate a
// corpus of documents, printing one verdict per document as JSON.
//
//   node tests/js/ajv_verdicts.cjs SCHEMAS_DIR CORPUS.json
//
// CORPUS.json is a list of {"kind": ..., "data": ...}. Output: {"warnings": [...],
// "verdicts": [{"valid": bool, "errors": [...]}]}. ajv and its plugins come from the web form's
// node_modules (docs/web-form), installed there with `npm ci`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");

const webForm = path.resolve(__dirname, "..", "..", "docs", "web-form");
const requireFromWebForm = createRequire(path.join(webForm, "package.json"));
const Ajv2020 = requireFromWebForm("ajv/dist/2020").default;
const addFormats = requireFromWebForm("ajv-formats").default;

const [schemasDir, corpusPath] = process.argv.slice(2);
const warnings = [];
const logger = {
  log: () => {},
  warn: (...args) => warnings.push(args.join(" ")),
  error: (...args) => warnings.push(args.join(" ")),
};
const ajv = new Ajv2020({ strict: true, allErrors: true, logger });
addFormats(ajv);

const validators = {};
for (const name of fs.readdirSync(schemasDir).sort()) {
  const match = /^(.*)\.schema\.json$/.exec(name);
  if (!match) continue;
  const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, name), "utf8"));
  validators[match[1]] = ajv.compile(schema);
}

const corpus = JSON.parse(fs.readFileSync(corpusPath, "utf8"));
const verdicts = corpus.map(({ kind, data }) => {
  const validate = validators[kind];
  if (!validate) throw new Error(`no schema for kind ${kind}`);
  const valid = validate(data);
  const errors = valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
  return { valid, errors };
});
process.stdout.write(JSON.stringify({ kinds: Object.keys(validators), warnings, verdicts }));
