// Open coparent's notebook HTML in headless Chromium under dark themes and report the colours
// a reader sees in the month grid: for each theme, the computed text and background colour of
// a day with each parent and of a plain day (whose background is the page's).
//
//   node tests/js/dark_notebook.cjs PAGE.html SCREENSHOT.png [CHROMIUM]
//
// PAGE.html holds the notebook output inside a body that looks like a dark notebook. The
// screenshot is of the system-dark theme. Chromium is Debian's (/usr/bin/chromium).
"use strict";
const path = require("node:path");
const { withChromium } = require("./browser.cjs");

const [page_, screenshot, executablePath = "/usr/bin/chromium"] = process.argv.slice(2);

// How each notebook says it is dark: the system setting, JupyterLab's attribute, VS Code's class.
const THEMES = {
  system: { colorScheme: "dark", setup: () => {} },
  jupyterlab: {
    colorScheme: "light",
    setup: () => document.body.setAttribute("data-jp-theme-light", "false"),
  },
  vscode: { colorScheme: "light", setup: () => document.body.classList.add("vscode-dark") },
};

function colours() {
  const style = (el) => {
    const s = getComputedStyle(el);
    // A transparent cell shows the page behind it.
    const bg = s.backgroundColor === "rgba(0, 0, 0, 0)" ? getComputedStyle(document.body).backgroundColor : s.backgroundColor;
    return { color: s.color, background: bg };
  };
  const first = (selector) => document.querySelector(selector);
  return {
    a: style(first("td.coparent-a")),
    b: style(first("td.coparent-b")),
    plain: style(first(".coparent-month td:not(.coparent-a):not(.coparent-b):not(.coparent-out)")),
    heading: style(first("section.coparent h2")),
  };
}

withChromium(executablePath, { viewport: { width: 900, height: 900 } }, async (context) => {
  const out = {};
  const page = await context.newPage();
  for (const [name, theme] of Object.entries(THEMES)) {
    await page.emulateMedia({ colorScheme: theme.colorScheme });
    await page.goto(`file://${path.resolve(page_)}`);
    await page.evaluate(theme.setup);
    out[name] = await page.evaluate(colours);
    if (name === "system") await page.screenshot({ path: screenshot, fullPage: true });
  }
  return out;
});
