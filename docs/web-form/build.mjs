// Bundle the example form (and the JSON Forms page) into dist/ with esbuild: `npm run build`
// (after `npm ci`).
// The exported schemas (../../schemas/*.json) are bundled in, so the page needs no server-side code.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

await mkdir("dist", { recursive: true });
const pages = [
  ["src/main.jsx", "dist/bundle.js", "index.html"],
  // coparent's JSON Forms UI schema with JSON Forms' Material renderers.
  ["src/jsonforms.jsx", "dist/jsonforms.js", "jsonforms.html"],
];
await Promise.all(pages.map(async ([entry, outfile, page]) => {
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    outfile,
    jsx: "automatic",
    loader: { ".json": "json" },
    define: { "process.env.NODE_ENV": '"production"' },
    target: ["es2020"],
    logLevel: "warning",
  });
  await copyFile(page, `dist/${page}`);
}));
