// TypeScript types for coparent's documents, made two ways by tools nobody here wrote, and a
// check that the example documents are values of those types under `tsc --strict`.
//
//   node types.mjs OUT_DIR
//
// writes into OUT_DIR:
//   openapi.d.ts            openapi-typescript, from schemas/openapi.json (components/schemas)
//   <kind>.d.ts             json-schema-to-typescript, from schemas/<kind>.schema.json
//   examples.ts             each docs/examples/<kind>.json as a typed constant of both types,
//                           and one broken copy each that tsc must refuse (@ts-expect-error)
//   tsconfig.json           strict, no emit
// then `npx tsc -p OUT_DIR` checks them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { compile } from "json-schema-to-typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const out = path.resolve(process.argv[2] ?? path.join(here, "build", "types"));
fs.mkdirSync(out, { recursive: true });

const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), "utf8"));
const kinds = { parenting_plan: "ParentingPlan", referral: "Referral", review: "Review" };

// 1. The OpenAPI route.
const openapi = read("schemas/openapi.json");
const ast = await openapiTS(openapi);
fs.writeFileSync(path.join(out, "openapi.d.ts"), astToString(ast));

// 2. The JSON Schema route, one module per document.
for (const [kind, name] of Object.entries(kinds)) {
  const schema = read(`schemas/${kind}.schema.json`);
  const ts = await compile(schema, name, {
    bannerComment: "",
    cwd: path.join(root, "schemas"),
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    format: false,
  });
  fs.writeFileSync(path.join(out, `${kind}.d.ts`), ts);
}

// 3. The examples as typed values: object literals, so tsc checks literal types and refuses
// any property the type does not have.
const lines = ['import type { components } from "./openapi";'];
for (const [kind, name] of Object.entries(kinds)) {
  lines.push(`import type { ${name} as ${name}Schema } from "./${kind}";`);
}
for (const [kind, name] of Object.entries(kinds)) {
  const example = JSON.stringify(read(`docs/examples/${kind}.json`), null, 2);
  lines.push(
    `export const ${kind}_openapi: components["schemas"]["${name}"] = ${example};`,
    `export const ${kind}_schema: ${name}Schema = ${example};`,
    "// A wrong kind of document is not a value of the type:",
    "// @ts-expect-error",
    `export const ${kind}_broken: ${name}Schema = { ...${kind}_schema, kind: "not-a-kind" };`,
    "// @ts-expect-error",
    `export const ${kind}_broken_openapi: components["schemas"]["${name}"] = { ...${kind}_openapi, schema_version: 999 };`,
  );
}
fs.writeFileSync(path.join(out, "examples.ts"), lines.join("\n") + "\n");
fs.writeFileSync(
  path.join(out, "tsconfig.json"),
  JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        skipLibCheck: false,
        exactOptionalPropertyTypes: false,
      },
      files: ["examples.ts"],
    },
    null,
    2,
  ) + "\n",
);
process.stdout.write(JSON.stringify({ out, files: fs.readdirSync(out).sort() }) + "\n");
