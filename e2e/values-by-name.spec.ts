import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Locator, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

/** The live count once it has settled (no request in flight), as a number. */
async function settledCount(page: Page): Promise<number> {
  const panel = page.getByRole("region", { name: "Live count" });
  await page.waitForTimeout(600); // past the builder's debounce, so a count of the latest change has started
  await expect(panel.getByTestId("live-members")).toBeVisible();
  await expect(panel.getByText("Counting…")).toHaveCount(0);
  return Number((await panel.getByTestId("live-members").innerText()).replace(/,/g, ""));
}

async function typeValue(box: Locator, text: string): Promise<void> {
  await box.fill(text);
  await box.press("Tab"); // leaving the box stores the code a name stands for
}

test("a marketer picks and types countries by name, gets the same members as the code, is warned about a value nobody has, and reads names on a profile", async ({ browser }) => {
  test.slow();
  const page = await sessions.signedIn(browser, "editor", "/w/demo/segments/new", { timeout: 45_000 });
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  const condition = page.getByRole("listitem", { name: "Condition 1.1", exact: true });
  await condition.getByRole("button", { name: "Search fields" }).click();
  await condition.getByRole("textbox", { name: "Search fields" }).fill("coun");
  await condition.getByLabel("Field", { exact: true }).selectOption({ label: "Country · Text" });
  const box = condition.getByRole("combobox", { name: "Country value" });

  // The code, then the name typed: the same members.
  await typeValue(box, "PL");
  const byCode = await settledCount(page);
  expect(byCode).toBeGreaterThan(0);
  await expect(box).toHaveValue("Poland");
  await typeValue(box, "poland");
  await expect(box).toHaveValue("Poland");
  expect(await settledCount(page)).toBe(byCode);

  // The picker: the workspace's countries by name with counts, searchable, keyboard-driven.
  await box.fill("");
  await box.press("ArrowDown");
  const list = page.getByRole("listbox", { name: "Country value: values in this workspace" });
  await expect(list.getByRole("option").first()).toBeVisible();
  await box.fill("pol");
  const poland = list.getByRole("option", { name: /^Poland \(PL\), [\d,]+ customers$/ });
  await expect(poland).toBeVisible();
  const listed = /, ([\d,]+) customers$/.exec((await poland.getAttribute("aria-label")) ?? "");
  expect(Number(listed?.[1].replace(/,/g, ""))).toBe(byCode);
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await box.press("Enter");
  await expect(list).toHaveCount(0);
  await expect(box).toHaveValue("Poland");
  expect(await settledCount(page)).toBe(byCode);

  // A value nobody has: a warning under the value with the fix one click away.
  await typeValue(box, "Polnd");
  const warning = condition.getByText(/No customer has country “Polnd”/);
  await expect(warning).toBeVisible();
  await condition.getByRole("button", { name: "did you mean Poland (PL)?" }).click();
  await expect(warning).toHaveCount(0);
  await expect(box).toHaveValue("Poland");
  expect(await settledCount(page)).toBe(byCode);

  // A city nobody has (free text is allowed, and warned about).
  await condition.getByRole("textbox", { name: "Search fields" }).fill("city"); // the search stays open from the first pick
  await condition.getByLabel("Field", { exact: true }).selectOption({ label: "City · Text" });
  const city = condition.getByRole("combobox", { name: "City value" });
  await typeValue(city, "Atlantis");
  await expect(condition.getByText(/No customer has city “Atlantis”/)).toBeVisible();

  // The profile of a member shows names, not codes (a second tab: the builder keeps its unsaved rules).
  const tab = await page.context().newPage();
  await tab.goto("/w/demo/customers");
  const href = await tab.getByRole("table").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/w\/demo\/customers\/[0-9a-f-]{36}$/);
  await tab.goto(href!);
  const main = tab.getByRole("main");
  await expect(main.getByRole("heading", { name: "Events" })).toBeVisible();
  const text = await main.innerText();
  expect(text).not.toMatch(/\b(organic_search|paid_search|high_school|product_viewed|page_view|cart_abandoned|email_opened|app_login|toys_games|home_garden|sports_outdoors)\b/);
  const language = main.locator("dt", { hasText: /^Language$/ }).locator("xpath=following-sibling::dd");
  await expect(language).toHaveText(/^(—|[A-Z][a-z]+.*)$/);
});
