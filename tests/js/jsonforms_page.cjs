// Load docs/web-form's JSON Forms page (coparent's JSON Schema and JSON Forms UI schema with
// JSON Forms' Material renderers, the example document as data) in headless Chromium, for
// each document: click every category tab, open the first item of every list, and print what
// a person sees as one JSON object on stdout.
//
//   node tests/js/jsonforms_page.cjs URL [CHROMIUM]
//
// URL is dist/jsonforms.html as served over HTTP; Chromium is Debian's (/usr/bin/chromium).
"use strict";
const { withChromium } = require("./browser.cjs");

const [url, executablePath = "/usr/bin/chromium"] = process.argv.slice(2);
const KINDS = ["parenting_plan", "referral", "review"];

// Open the first item of every list (JSON Forms keeps one item of a list open), nested lists
// too, until none is left closed.
async function openFirstItems(page) {
  let opened = 0;
  for (let round = 0; round < 60; round += 1) {
    const clicked = await page.evaluate(() => {
      const closed = [...document.querySelectorAll('.MuiAccordionSummary-root[aria-expanded="false"]')];
      const first = closed.find((s) => s.querySelector(".MuiAvatar-root")?.textContent === "1");
      if (!first) return false;
      first.click();
      return true;
    });
    if (!clicked) break;
    opened += 1;
    await page.waitForTimeout(50);
  }
  return opened;
}

// What the page shows now: text, labels, the values in the boxes (with their labels) and the
// names of the tabs that pick an option of a choice.
function shown() {
  const app = document.getElementById("app");
  // Shown: not in a closed list item (MUI keeps those in the page, hidden) nor a hidden tab.
  const visible = (el) => el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: true })
    && !el.closest(".MuiCollapse-hidden");
  const labelOf = (input) => {
    const control = input.closest(".MuiFormControl-root");
    return control?.querySelector("label")?.textContent.replace(/\s*\*\s*$/, "").trim() ?? "";
  };
  const tablists = [...app.querySelectorAll('[role="tablist"]')];
  return {
    text: app.innerText,
    labels: [...app.querySelectorAll("label, legend, h6, .MuiTypography-root")]
      .filter(visible).map((e) => e.textContent.replace(/\s*\*\s*$/, "").trim()),
    inputs: [...app.querySelectorAll("input, textarea")]
      .filter((i) => visible(i) && i.type !== "hidden")
      .map((i) => ({ label: labelOf(i), value: i.value, required: i.required })),
    optionTabs: tablists.slice(1).flatMap((t) => [...t.querySelectorAll('[role="tab"]')].map((b) => b.textContent)),
  };
}

withChromium(executablePath, { viewport: { width: 1200, height: 1400 }, locale: "en-GB" }, async (context) => {
  const out = {};
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  for (const kind of KINDS) {
    await page.goto(`${url}?kind=${kind}`);
    const categories = page.locator('[role="tablist"]').first().locator('[role="tab"]');
    await categories.first().waitFor();
    const titles = await categories.allTextContents();
    const seen = [];
    for (let i = 0; i < titles.length; i += 1) {
      // On a busy machine a click on a tab is now and then lost: the previous tab stays
      // selected, and a second click selects it (seen with one core kept busy). A person would
      // click again, and so does this, up to four times.
      for (let attempt = 1; ; attempt += 1) {
        await categories.nth(i).click();
        try {
          await page.waitForFunction(
            (n) => document.querySelectorAll('[role="tablist"]')[0]
              .querySelectorAll('[role="tab"]')[n].getAttribute("aria-selected") === "true",
            i,
            { timeout: 10000 },
          );
          break;
        } catch (e) {
          if (attempt === 4) throw e;
        }
      }
      await page.waitForTimeout(100);
      const opened = await openFirstItems(page);
      seen.push({ category: titles[i], opened, ...(await page.evaluate(shown)) });
    }
    const state = await page.evaluate(() => window.coparentJsonForms);
    out[kind] = { categories: titles, seen, errors: state.errors, changes: state.changes };
  }
  out.problems = problems;
  return out;
});
