import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Locator, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

const count = (text: string) => Number(text.replace(/[^\d]/g, ""));

/** No part of the page makes the document wider than the window (wide tables scroll inside their frame). */
async function expectNoSideScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

let highRisk = -1;

test("an editor recomputes the predictions; the page shows the parameters in words, the check, the value distribution and the top customers", async ({ browser }) => {
  test.slow();
  const editor = await sessions.signedIn(browser, "editor", "/w/demo/predictions");
  await expect(editor.getByRole("heading", { name: "Predicted customer value", exact: true })).toBeVisible();
  await editor.getByRole("button", { name: /^(Recompute|Compute predictions)$/ }).click();
  await expect(editor.getByText(/^Predictions computed for [\d,]+ customers in [\d.]+ s\.$/)).toBeVisible({ timeout: 90_000 });
  await expect(editor.getByTestId("prediction-freshness")).toContainText(/^Computed .+ \(Europe\/Warsaw\) for purchases up to \d{1,2} \w{3} \d{4} · [\d,]+ customers in [\d.]+ s$/);

  const parameters = editor.getByTestId("prediction-parameters");
  for (const symbol of ["r", "α", "a", "b", "p", "q", "v"]) await expect(parameters.getByText(new RegExp(`^${symbol} = [\\d.,]+$`))).toBeVisible();
  await expect(parameters.getByText(/^While still active, an average customer buys about once every [\d.]+ (days|months|years) \(α\/r, in days\)\.$/)).toBeVisible();
  await expect(parameters.getByText(/^After each repeat purchase, about [\d.]+% of customers stop buying for good/)).toBeVisible();
  await expect(parameters.getByText(/^An average purchase day is worth about \$[\d,]+\.\d\d/)).toBeVisible();

  // The check: totals, the frequency chart with its table view, and the cumulative chart with the calibration end.
  await expect(editor.getByTestId("prediction-check-totals")).toContainText(/^Predicted [\d,.]+ repeat purchase days in the holdout; customers made [\d,]+/);
  const frequency = editor.getByRole("figure", { name: "Holdout purchases per customer, by earlier repeat purchases" });
  await expect(frequency.locator("svg circle")).toHaveCount(16);
  await frequency.getByRole("button", { name: /Show table/ }).click();
  await expect(frequency.getByRole("rowheader", { name: "7+" })).toBeVisible();
  await expect(frequency.getByRole("row")).toHaveCount(9);
  const cumulative = editor.getByRole("figure", { name: "Cumulative repeat purchases" });
  // A vertical line has no width, so Playwright never calls it visible: check where it is drawn instead.
  const marker = cumulative.getByTestId("calibration-end-marker");
  await expect(marker).toBeAttached();
  const [x, svgWidth] = [Number(await marker.getAttribute("x1")), Number(await cumulative.locator("svg").first().getAttribute("width"))];
  expect(x).toBeGreaterThan(56);
  expect(x).toBeLessThan(svgWidth - 14);
  await expect(cumulative.getByText("Calibration end", { exact: true })).toBeVisible();

  const value = editor.getByRole("figure", { name: "Customers by predicted 12-month value" });
  await expect(value.locator("svg rect").first()).toBeVisible();
  const bands = editor.getByRole("list", { name: "Customers by churn risk" });
  highRisk = count(await bands.getByTestId("churn-band-high").locator("p").nth(1).innerText());
  const total = count((await editor.getByTestId("prediction-freshness").innerText()).match(/· ([\d,]+) customers/)?.[1] ?? "");
  const bandSum = highRisk + count(await bands.getByTestId("churn-band-medium").locator("p").nth(1).innerText()) + count(await bands.getByTestId("churn-band-low").locator("p").nth(1).innerText());
  expect(bandSum).toBe(total);

  const top = editor.getByRole("table", { name: "Top customers by predicted value" });
  await expect(top.getByRole("row")).toHaveCount(26);
  const values = await top.locator("tbody tr td:nth-child(2)").allInnerTexts();
  const amounts = values.map((v) => Number(v.replace(/[$,]/g, "")));
  expect(amounts[0]).toBeGreaterThan(0);
  expect(amounts).toEqual([...amounts].sort((x, y) => y - x));
  const first = top.getByRole("row").nth(1).getByRole("link");
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(editor).toHaveURL(/\/w\/demo\/customers\/[0-9a-f-]{36}$/);
  await expect(editor.getByRole("heading", { level: 1 })).toContainText(name);
});

test("a viewer reads the Predictions page without Recompute, on a desktop and a 390 px phone", async ({ browser }, testInfo) => {
  const viewer = await sessions.signedIn(browser, "viewer", "/w/demo/predictions");
  await expect(viewer.getByRole("navigation").getByRole("link", { name: "Predictions" })).toHaveAttribute("aria-current", "page");
  await expect(viewer.getByTestId("prediction-parameters")).toBeVisible();
  await expect(viewer.getByRole("table", { name: "Top customers by predicted value" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Recompute|Compute predictions/ })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page: viewer }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await expectNoSideScroll(viewer);
  await viewer.screenshot({ path: testInfo.outputPath("predictions-desktop.png"), fullPage: true });

  await viewer.setViewportSize({ width: 390, height: 844 });
  await viewer.reload();
  await expect(viewer.getByRole("heading", { name: "Predicted customer value", exact: true })).toBeVisible();
  await expect(viewer.getByRole("figure", { name: "Cumulative repeat purchases" }).locator("svg")).toHaveAttribute("width", /^3\d\d$/);
  await expectNoSideScroll(viewer);
  await viewer.screenshot({ path: testInfo.outputPath("predictions-390.png"), fullPage: true });

  // The link opens the customers table sorted by predicted value, with the predictions as columns: the same customer leads.
  const leader = (await viewer.getByRole("table", { name: "Top customers by predicted value" }).getByRole("row").nth(1).getByRole("link").innerText()).trim();
  await viewer.getByRole("link", { name: "All customers by predicted value, highest first" }).click();
  await expect(viewer).toHaveURL(/\/w\/demo\/customers\?.*sort=prediction\.value12m&dir=desc/);
  await expect(viewer.getByRole("columnheader", { name: /^Churn risk/ })).toBeVisible();
  await expect(viewer.getByRole("table").locator("tbody tr").first()).toContainText(leader);
});

const conditionRow = (page: Page | Locator, path: string) => page.getByRole("listitem", { name: `Condition ${path}`, exact: true });

test("an editor builds a segment on probability still active below 0.3: it counts the high churn-risk customers and saves", async ({ browser }) => {
  test.slow();
  expect(highRisk, "the first test computed the predictions").toBeGreaterThan(0);
  const page = await sessions.signedIn(browser, "editor", "/w/demo/segments/new", { timeout: 45_000 });
  await page.getByLabel("Name", { exact: true }).fill("E2E likely lapsed");
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  const r = conditionRow(page, "1.1");
  await r.getByRole("button", { name: "Search fields" }).click();
  await r.getByRole("textbox", { name: "Search fields" }).fill("still active");
  await r.getByLabel("Field", { exact: true }).selectOption({ label: "Probability still active · Number" });
  await r.getByLabel("Probability still active operator").selectOption({ label: "is less than" });
  await r.getByLabel("Probability still active value").fill("0.3");

  // The live count is the high churn-risk band of the page: both are "probability still active below 0.3".
  const panel = page.getByRole("region", { name: "Live count" });
  await expect(panel.getByText("Counting…")).toHaveCount(0);
  await expect(panel.getByTestId("live-members")).toHaveText(highRisk.toLocaleString("en-US"));

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL(/\/w\/demo\/segments\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("E2E likely lapsed");
  await page.goto("/w/demo/segments");
  const listed = page.getByRole("row").filter({ hasText: "E2E likely lapsed" });
  await expect(listed.getByTestId("segment-members")).toHaveText(highRisk.toLocaleString("en-US"), { timeout: 60_000 });
});
