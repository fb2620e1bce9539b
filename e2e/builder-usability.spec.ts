import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Locator, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

const row = (page: Page | Locator, path: string) => page.getByRole("listitem", { name: `Condition ${path}`, exact: true });
const save = (page: Page) => page.getByRole("button", { name: "Save", exact: true });

/** The live count once settled, as a number. */
async function settledCount(page: Page): Promise<number> {
  const panel = page.getByRole("region", { name: "Live count" });
  await page.waitForTimeout(600); // past the 400 ms debounce
  await expect(panel.getByTestId("live-members")).toBeVisible();
  await expect(panel.getByText("Counting…")).toHaveCount(0);
  return Number((await panel.getByTestId("live-members").innerText()).replace(/,/g, ""));
}

async function noAxeViolations(page: Page): Promise<void> {
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

let savedId = "";

test("a template opens filled in and counts; a new condition is not red until left, the rest keeps counting, Save says why; NOT, duplicate, undo / redo, focus", async ({ browser }) => {
  test.slow();
  const page = await sessions.signedIn(browser, "editor", "/w/demo/segments/new", { timeout: 45_000 });
  await page.getByRole("link", { name: /^VIPs/ }).click();
  await expect(page).toHaveURL(/template=vips$/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("VIPs");
  await expect(row(page, "1.1").getByLabel("Field", { exact: true })).toHaveValue("totalSpent");
  await expect(page.getByTestId("segment-summary")).toHaveText("Customers whose total spent is at least 2,500.");
  const vips = await settledCount(page);
  expect(vips).toBeGreaterThan(0);
  const total = Number((await page.getByRole("region", { name: "Live count" }).getByText(/of [\d,]+ customers/).innerText()).match(/of ([\d,]+) customers/)![1].replace(/,/g, ""));

  // Add: focus moves to the new condition; it is not red, and the rest is still counted.
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await expect(row(page, "1.2").getByLabel("Condition 1.2 type")).toBeFocused();
  await expect(row(page, "1.2").getByText("Choose a field.")).toHaveCount(0);
  await expect(page.getByTestId("count-note")).toHaveText("Counting 1 of 2 conditions — finish the new one to include it.");
  expect(await settledCount(page)).toBe(vips);
  await expect(save(page)).toBeDisabled();
  await expect(page.getByTestId("save-reason")).toHaveText("To save, finish the rules. Condition 1.2: Choose a field.");
  await expect(save(page)).toHaveAttribute("aria-describedby", "save-reason");

  // Left untouched it stays quiet; changed and then left, it shows what is missing; Save takes focus there.
  await page.getByLabel("Name", { exact: true }).click();
  await expect(row(page, "1.2").getByText("Choose a field.")).toHaveCount(0);
  await row(page, "1.2").getByLabel("Field", { exact: true }).focus();
  await row(page, "1.2").getByLabel("Field", { exact: true }).selectOption({ label: "Email · Text" });
  await expect(page.getByTestId("save-reason")).toHaveText("To save, finish the rules. Condition 1.2: Enter a value.");
  await page.getByLabel("Name", { exact: true }).click();
  await expect(row(page, "1.2").getByText("Enter a value.")).toBeVisible();
  // Save is aria-disabled, not disabled: it stays focusable and a press shows what is missing.
  await save(page).focus();
  await page.keyboard.press("Enter");
  await expect(row(page, "1.2").getByLabel("Condition 1.2 type")).toBeFocused();

  // Remove: focus goes to the previous rule when there is no next one, then to "Add condition".
  await row(page, "1.2").getByRole("button", { name: "Remove condition 1.2" }).click();
  await expect(row(page, "1.1").getByLabel("Condition 1.1 type")).toBeFocused();
  await expect(page.getByTestId("count-note")).toHaveCount(0);

  // Undo brings the removed condition back, redo removes it again; Ctrl+Z / Ctrl+Shift+Z do the same.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("condition")).toHaveCount(2);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByTestId("condition")).toHaveCount(1);
  await row(page, "1.1").getByLabel("Condition 1.1 type").focus();
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("condition")).toHaveCount(2);
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByTestId("condition")).toHaveCount(1);

  // NOT excludes exactly the customers the condition matched.
  await page.getByRole("switch", { name: "NOT condition 1.1" }).click();
  await expect(page.getByRole("switch", { name: "NOT condition 1.1" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("segment-summary")).toHaveText("Customers whose total spent is not at least 2,500.");
  expect(await settledCount(page)).toBe(total - vips);
  await page.getByRole("switch", { name: "NOT condition 1.1" }).click();
  expect(await settledCount(page)).toBe(vips);

  // Duplicate: the copy follows the original, focused, and the count is the same.
  await page.getByRole("button", { name: "More actions for condition 1.1" }).click();
  await page.getByRole("menuitem", { name: "Duplicate condition 1.1" }).click();
  await expect(row(page, "1.2").getByLabel("Condition 1.2 type")).toBeFocused();
  await expect(row(page, "1.2").getByLabel("Field", { exact: true })).toHaveValue("totalSpent");
  expect(await settledCount(page)).toBe(vips);

  // Keyboard drag and drop: pick up 1.2's handle, move it up, drop.
  await row(page, "1.2").getByLabel("Total spent value").fill("100");
  const handle = page.getByRole("button", { name: "Drag condition 1.2 to move it" });
  await handle.focus();
  // Each step waits for the builder to show it took the last key, so no key lands before dnd-kit has measured the rules.
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("status").filter({ hasText: "condition 1.2 is over condition 1.1." })).toHaveCount(1);
  await page.keyboard.press("Space");
  await expect(row(page, "1.1").getByLabel("Total spent value")).toHaveValue("100");
  await expect(row(page, "1.2").getByLabel("Total spent value")).toHaveValue("2500");

  await noAxeViolations(page);
  await save(page).click();
  await page.waitForURL(/\/w\/demo\/segments\/[0-9a-f-]{36}\?saved=1$/);
  savedId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("VIPs");
});

test("the RFM page's link opens a segment of one RFM group, named after it, counted", async ({ browser }) => {
  const page = await sessions.signedIn(browser, "editor", `/w/demo/segments/new?rfm=${encodeURIComponent("At Risk")}`, { timeout: 45_000, arrived: (u) => u.pathname === "/w/demo/segments/new" });
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("RFM: At Risk");
  await expect(row(page, "1.1").getByRole("group", { name: "RFM segments" }).getByRole("checkbox", { name: "At Risk" })).toBeChecked();
  await expect(page.getByTestId("segment-summary")).toHaveText("Customers in the RFM group “At Risk”.");
  expect(await settledCount(page)).toBeGreaterThan(0);
  await page.goto(`/w/demo/segments/new?rfm=${encodeURIComponent("No Such Group")}`);
  await expect(page.getByText("This workspace has no RFM group called “No Such Group”.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("condition")).toHaveCount(0);
});

test("at phone width the builder has no horizontal scroll and the count stays in sight", async ({ browser }) => {
  test.slow();
  const page = await sessions.signedIn(browser, "editor", "/w/demo/segments/new?template=win-back", { timeout: 45_000, arrived: (u) => u.pathname === "/w/demo/segments/new" });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("condition")).toHaveCount(3);
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await row(page, "1.4").getByLabel("Condition 1.4 type").selectOption({ label: "Orders" });
  await page.getByRole("button", { name: "Add group", exact: true }).click();
  await row(page, "1.5.1").getByLabel("Condition 1.5.1 type").selectOption({ label: "Event" });
  await row(page, "1.5.1").getByLabel("Event name").fill("email_opened");
  const sticky = page.getByTestId("sticky-count");
  await expect(sticky).toBeVisible();
  await expect(sticky).toContainText(/[\d,]+ members/);
  await page.mouse.wheel(0, 2000);
  await expect(sticky).toBeInViewport();
  const overflow = await page.evaluate(() => {
    const el = document.scrollingElement!;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
  // Controls keep readable widths: no select narrower than 120 px.
  const narrowest = await page.locator("[data-testid=condition] select").evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().width)));
  expect(narrowest).toBeGreaterThanOrEqual(120);
  await noAxeViolations(page);
});

test("a viewer sees the rules as text with badges, not a greyed form", async ({ browser }) => {
  expect(savedId).not.toBe("");
  const page = await sessions.signedIn(browser, "viewer", `/w/demo/segments/${savedId}`, { timeout: 45_000 });
  const rules = page.getByTestId("rules-view");
  await expect(rules.getByRole("listitem", { name: "Rule 1.1", exact: true })).toContainText("whose total spent is at least 100");
  await expect(page.getByTestId("segment-summary")).toHaveText("Customers whose total spent is at least 100 and whose total spent is at least 2,500.");
  await expect(page.getByRole("region", { name: "Rules" }).locator("select, input, button")).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await noAxeViolations(page);
});
