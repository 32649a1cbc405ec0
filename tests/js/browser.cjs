// What the browser scripts share: Debian's Chromium, headless, through the web form's
// playwright-core (Playwright's own browser download is never used), in a fresh profile that
// is removed afterwards; the script's result is printed as one JSON object on stdout.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { createRequire } = require("node:module");

const webForm = path.resolve(__dirname, "..", "..", "docs", "web-form");
const webFormRequire = createRequire(path.join(webForm, "package.json"));
const { chromium } = webFormRequire("playwright-core");

/** Run `body(context)` in a fresh headless Chromium (`options` go to Playwright) and print
 * what it returns as JSON; on an error print the stack and exit 1. */
function withChromium(executablePath, options, body) {
  (async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "coparent-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
      ...options,
    });
    try {
      process.stdout.write(JSON.stringify(await body(context)));
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  })().catch((e) => {
    process.stderr.write(`${e.stack || e}\n`);
    process.exit(1);
  });
}

module.exports = { webFormRequire, withChromium };
