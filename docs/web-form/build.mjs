// Bundle the example form into dist/ with esbuild: `npm run build` (after `npm ci`).
// The exported schemas (../../schemas/*.json) are bundled in, so the page needs no server-side code.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

await mkdir("dist", { recursive: true });
await build({
  entryPoints: ["src/main.jsx"],
  bundle: true,
  minify: true,
  outfile: "dist/bundle.js",
  jsx: "automatic",
  loader: { ".json": "json" },
  define: { "process.env.NODE_ENV": '"production"' },
  target: ["es2020"],
  logLevel: "warning",
});
await copyFile("index.html", "dist/index.html");
