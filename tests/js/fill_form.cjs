// Drive the example web form (docs/web-form) in headless Chromium with playwright-core:
// fill in a parenting plan (two parents, a child, a weekly slot, a holiday) and a referral,
// submit each, and print the submitted JSON texts as one JSON object on stdout.
//
//   node tests/js/fill_form.cjs URL SCREENSHOT.png [CHROMIUM]
//
// Chromium is Debian's (/usr/bin/chromium by default): Playwright's own browser download is
// never used. The filled plan form is saved as SCREENSHOT.png.
"use strict";
const { webFormRequire, withChromium } = require("./browser.cjs");

const axePath = webFormRequire.resolve("axe-core");

const [url, screenshot, executablePath = "/usr/bin/chromium"] = process.argv.slice(2);

async function addItem(page, arrayId) {
  const before = await page.locator(`[id^="${arrayId}_"][id$="_id"]`).count();
  await page.locator(`fieldset#${arrayId} > .row .array-item-add button, fieldset#${arrayId} .array-item-add button`).last().click();
  await page.locator(`#${arrayId}_${before}_id`).waitFor({ state: "attached" });
  return `${arrayId}_${before}`;
}

// The form shows one step per section: go to a step by its title, as a parent would.
async function step(page, title) {
  const nav = page.locator('nav[aria-label="Steps"]');
  const button = nav.getByRole("button", { name: title, exact: true });
  if ((await button.count()) !== 1) {
    const shown = (await nav.count()) ? await nav.innerText() : "(no steps)";
    throw new Error(`no step ${title} among: ${shown}`);
  }
  await button.click();
  const progress = await page.locator("#step-progress").innerText();
  if (!progress.endsWith(`: ${title}`)) throw new Error(`not at the step ${title}: ${progress}`);
}

// axe-core on every step of the form: the serious and critical violations, by rule.
async function axeEveryStep(page, where) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const found = [];
  const titles = await page.locator('nav[aria-label="Steps"] button').allInnerTexts();
  for (const title of titles) {
    await step(page, title);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    for (const v of violations) found.push({ where, step: title, ...v });
  }
  await step(page, titles[0]);
  return { found, steps: titles.length };
}

async function submit(page) {
  await page.locator('button[type="submit"]').click();
  const result = await Promise.race([
    page.locator("#submitted").waitFor().then(() => "submitted"),
    page.locator(".errors").waitFor().then(() => "errors"),
  ]);
  if (result !== "submitted") {
    const errors = await page.locator(".errors").innerText();
    throw new Error(`the form did not submit:\n${errors}`);
  }
  return page.locator("#submitted").innerText();
}

// Type into a box key by key, as a person does, then leave it (the box tidies what was typed).
const shownAfterTyping = {};
async function typeAndLeave(page, selector, text) {
  const box = page.locator(selector);
  await box.fill("");
  await box.pressSequentially(text);
  await box.press("Tab");
  shownAfterTyping[text] = {
    value: await box.inputValue(),
    hint: await page.locator(`${selector}__format`).innerText(),
  };
}

async function fillPlan(page) {
  await step(page, "First parent");
  await page.fill("#root_parent_a_name", "Sam Jones");
  await step(page, "Second parent");
  await page.fill("#root_parent_b_name", "Alex Jones");
  await page.fill("#root_parent_b_contact_email", "alex@example.org");
  await step(page, "Children");
  const child = await addItem(page, "root_children");
  await page.fill(`#${child}_name`, "Mia Jones");
  // Dates and times as a British parent types them: day first, the 24-hour clock.
  await typeAndLeave(page, `#${child}_date_of_birth`, "4/5/2018");
  await page.fill(`#${child}_needs`, "Asthma: inhaler travels with her.");
  await step(page, "Living arrangements");
  // An optional choice is one dropdown, "Not given" first.
  const residence = page.locator("#root_living_arrangements_residence");
  if ((await residence.locator("option").first().innerText()) !== "Not given") {
    throw new Error("an optional choice does not start with Not given");
  }
  await residence.selectOption({ label: "Shared between both homes" });
  const handover = await addItem(page, "root_living_arrangements_handovers");
  await page.selectOption(`#${handover}_place`, { label: "At a public place" });
  await page.fill(`#${handover}_place_details`, "Outside the library");
  const slot = await addItem(page, "root_living_arrangements_schedule_slots");
  // The pick-up handover is picked by its name, from the handovers above.
  await page.selectOption(`#${slot}_pickup_handover_id`, { label: "At a public place: Outside the library" });
  await page.selectOption(`#${slot}_parent`, { label: "Second parent" });
  await page.selectOption(`#${slot}_start_day`, { label: "Friday" });
  await typeAndLeave(page, `#${slot}_start_time`, "17:30");
  await page.selectOption(`#${slot}_end_day`, { label: "Sunday" });
  await typeAndLeave(page, `#${slot}_end_time`, "18.00");
  await page.fill(`#${slot}_every_n_weeks`, "2");
  const holiday = await addItem(page, "root_living_arrangements_holidays");
  await page.fill(`#${holiday}_name`, "Summer holidays 2027");
  await page.selectOption(`#${holiday}_kind`, { label: "Summer holidays" });
  await typeAndLeave(page, `#${holiday}_start`, "24/07/2027");
  await typeAndLeave(page, `#${holiday}_end`, "31.08.2027");
  await page.selectOption(`#${holiday}_allocation`, { label: "Split in half, swapping halves each year" });
}

async function fillReferral(page) {
  await typeAndLeave(page, "#root_made_on", "2/11/2026");
  await step(page, "Referrer");
  await page.selectOption("#root_referrer_kind", { label: "The court" });
  await page.fill("#root_referrer_name", "Family Court at Cardiff");
  await step(page, "Service asked for");
  await page.selectOption("#root_service__oneof_select", { label: "Contact centre service" });
  await page.selectOption("#root_service_contact_type", { label: "Supported contact" });
  await step(page, "First parent");
  await page.fill("#root_parent_a_name", "Sam Jones");
  await step(page, "Second parent");
  await page.fill("#root_parent_b_name", "Alex Jones");
}

// An American browser: the form still reads and writes dates day first, times 24-hour.
withChromium(executablePath, { viewport: { width: 1000, height: 1100 }, locale: "en-US" }, async (context) => {
  const problems = [];
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${url}?kind=parenting_plan`);
  // Submitting the empty form shows ajv's errors instead of submitting.
  await page.locator('button[type="submit"]').click();
  const emptyErrors = await page.locator(".errors").innerText();
  const axePlan = await axeEveryStep(page, "parenting_plan");
  // A wrong email and time are explained in words, never as a regular expression.
  await step(page, "Second parent");
  await page.fill("#root_parent_b_contact_email", "not an email");
  await page.locator('button[type="submit"]').click();
  const badErrors = await page.locator(".errors").innerText();
  await fillPlan(page);
  await page.locator("#root_living_arrangements_schedule_slots").scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
  const plan = await submit(page);

  await page.goto(`${url}?kind=referral`);
  // Untouched, a referral is not silently a self-referral: its required choices are empty.
  await page.locator('button[type="submit"]').click();
  const referralEmptyErrors = await page.locator(".errors").innerText();
  const axeReferral = await axeEveryStep(page, "referral");
  await fillReferral(page);
  const referral = await submit(page);

  await page.goto(`${url}?kind=review`);
  await page.locator('button[type="submit"]').click();
  const reviewEmptyErrors = await page.locator(".errors").innerText();
  const axeReview = await axeEveryStep(page, "review");
  const axe = [axePlan, axeReferral, axeReview];
  return {
    plan, referral, emptyErrors, badErrors, referralEmptyErrors, reviewEmptyErrors, problems, axe,
    shownAfterTyping,
  };
});
