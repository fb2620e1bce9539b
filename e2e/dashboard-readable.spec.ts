import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "./support/test";
import { AGE_BANDS } from "../lib/dashboard/age-bands";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Every chart's SVG text that sticks out of its SVG, or is drawn smaller than 11 px. */
async function unreadableChartText(page: Page): Promise<string[]> {
  return page.locator("figure svg[role=img]").evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")].flatMap((t) => {
        const r = t.getBoundingClientRect();
        const size = parseFloat(getComputedStyle(t).fontSize) * (box.width / ((svg as SVGSVGElement).viewBox.baseVal.width || box.width));
        const out = r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
        return out || size < 11 ? [`"${t.textContent}" in ${svg.getAttribute("aria-labelledby")}: ${out ? "clipped" : ""} ${size.toFixed(1)} px`] : [];
      });
    }),
  );
}

test("a segment dashboard reads well on a desktop and a phone: revenue share with the month so far, ages in order, rules and members a click away", async ({ browser }) => {
  test.slow();
  const page = await sessions.signedIn(browser, "viewer", "/w/demo/segments/compare");
  const id = await page.getByRole("checkbox", { name: "High value" }).getAttribute("value");
  await page.goto(`/w/demo/segments/${id}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "High value" })).toBeVisible();

  // Back to the rules (a viewer reads them) and on to the members.
  await expect(page.getByRole("link", { name: "View rules" })).toHaveAttribute("href", `/w/demo/segments/${id}`);
  await expect(page.getByRole("link", { name: "Edit rules" })).toHaveCount(0);
  // The tab bar and the dashboard's own buttons both lead to the members.
  const membersLinks = page.locator("main").getByRole("link", { name: "Members", exact: true });
  await expect(membersLinks).toHaveCount(2);
  for (const link of await membersLinks.all()) {
    await expect(link).toHaveAttribute("href", `/w/demo/segments/${id}/members`);
  }

  // Revenue: members' revenue with their share of everyone's on its own axis; this month is "so far".
  const revenue = page.getByRole("img", { name: /^Revenue per month\b/ });
  await expect(revenue.locator('[data-partial="true"]')).toHaveCount(1);
  await expect(revenue.getByText("so far", { exact: true })).toBeVisible();
  await expect(revenue.locator("text").filter({ hasText: /^\d+(\.\d)?%$/ }).first()).toBeVisible();
  await page.getByRole("button", { name: "Show table: Revenue per month" }).click();
  const months = page.locator("table", { has: page.locator("caption", { hasText: /^Revenue per month$/ }) });
  await expect(months.locator("tbody tr")).toHaveCount(12);
  await expect(months.locator("tbody tr").last().locator("th")).toHaveText(/^[A-Z][a-z]{2} \d\d \(so far\)$/);
  await expect(months.locator("thead")).toContainText("Share of all revenue");

  // Age bands youngest first, not by size.
  await page.getByRole("button", { name: "Show table: Age band" }).click();
  const ages = page.locator("table", { has: page.locator("caption", { hasText: /^Age band$/ }) });
  const labels = (await ages.locator("tbody th").allInnerTexts()).filter((l) => l !== "Not set");
  const order = AGE_BANDS.map((b) => b.label);
  expect(labels.length).toBeGreaterThan(2);
  expect(labels).toEqual([...labels].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  await page.getByRole("button", { name: "Show chart: Age band" }).click();
  await page.getByRole("button", { name: "Show chart: Revenue per month" }).click();

  // One snapshot so far: the size history says when it starts instead of drawing a lonely dot.
  await expect(page.getByTestId("size-over-time-empty")).toContainText("History starts today — one snapshot a day");

  expect(await unreadableChartText(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => revenue.evaluate((svg) => svg.getBoundingClientRect().width)).toBeLessThan(390);
  await expect.poll(() => unreadableChartText(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page)).toEqual([]);

  // Why in / why not, in the workspace's terms: Warsaw times and dollars, never ISO instants.
  await page.setViewportSize({ width: 1280, height: 800 });
  const top = page.locator("table", { has: page.locator("caption", { hasText: "The 10 most valuable members" }) });
  await top.locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Segments" })).toBeVisible();
  const highValue = page.locator("details", { has: page.locator("summary", { hasText: "High value" }) });
  await highValue.locator("summary").click();
  await expect(highValue).toContainText(/Met Total spent is at least \$1,000\.00 — this customer: \$[\d,]+\.\d\d/);
  const lapsed = page.locator("details", { has: page.locator("summary", { hasText: "Lapsed buyers" }) });
  await lapsed.locator("summary").click();
  await expect(lapsed).toContainText(/All of:/);
  await expect(lapsed).toContainText(/Last order is more than 6 months ago — this customer: \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d/);
  await expect(page.getByText("Dates and times are in Europe/Warsaw.")).toBeVisible();
  await expect(page.locator("section", { has: page.getByRole("heading", { name: "Segments" }) })).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:/);
});

test("the RFM heat map darkens with the count and has a legend; an admin switches to the 11 segments with Hibernating and back", async ({ browser }) => {
  test.slow();
  const page = await sessions.signedIn(browser, "admin", "/w/demo/rfm");
  const compute = page.getByRole("button", { name: "Compute RFM scores" });
  if (await compute.isVisible()) await compute.click();
  const grid = page.getByRole("table", { name: /Customers and average monetary value/ });
  await expect(grid.getByRole("columnheader", { name: /Frequency score/ })).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: /Recency score/ })).toBeVisible();
  await expect(page.getByTestId("rfm-legend")).toContainText("Customers per cell:");

  // The cell with the most customers is the darkest; an emptier cell is never darker than a fuller one.
  const cells = await grid.locator("td").evaluateAll((tds) =>
    tds.map((td) => {
      const [r, g, b] = getComputedStyle(td).backgroundColor.match(/\d+/g)!.map(Number);
      return { n: Number(td.getAttribute("data-customers")), light: 0.2126 * r + 0.7152 * g + 0.0722 * b };
    }),
  );
  expect(cells).toHaveLength(25);
  const biggest = cells.reduce((a, b) => (b.n > a.n ? b : a));
  expect(biggest.light).toBe(Math.min(...cells.map((c) => c.light)));
  for (const a of cells) for (const b of cells) if (a.n < b.n) expect(a.light).toBeGreaterThanOrEqual(b.light);

  // A group can start a saved segment (the builder fills in the RFM condition).
  const table = page.getByRole("table", { name: "RFM segments" });
  await expect(table.getByRole("link", { name: "New segment from Champions" })).toHaveAttribute("href", "/w/demo/segments/new?rfm=Champions");

  const presets = page.getByRole("form", { name: "RFM segment set" });
  await expect(page.getByTestId("rfm-segment-set")).toHaveText("Segment set: 10 segments (R rfm package default)");
  await expect(presets.getByRole("button", { name: "Use this segment set" })).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    await presets.getByRole("radio", { name: /11 segments, with Hibernating/ }).check();
    await presets.getByRole("button", { name: "Use this segment set" }).click();
    await expect(page.getByText(/Now using 11 segments, with Hibernating: [\d,]+ customers re-scored into 11 segments\./)).toBeVisible({ timeout: 60_000 });
    await expect(table.getByRole("link", { name: "Hibernating", exact: true })).toBeVisible();
    await expect(table.getByRole("link", { name: "Can't Lose Them", exact: true })).toBeVisible();
    await expect(page.getByTestId("rfm-segment-set")).toHaveText("Segment set: 11 segments, with Hibernating");
    await expect(page.getByRole("form", { name: "RFM segment rules" }).getByRole("textbox", { name: "Segment name" })).toHaveCount(11);
  } finally {
    // Later specs expect the demo's default rules.
    const back = page.getByRole("form", { name: "RFM segment set" });
    await back.getByRole("radio", { name: /10 segments/ }).check();
    if (await back.getByRole("button", { name: "Use this segment set" }).isEnabled()) {
      await back.getByRole("button", { name: "Use this segment set" }).click();
      await expect(page.getByTestId("rfm-segment-set")).toHaveText("Segment set: 10 segments (R rfm package default)", { timeout: 60_000 });
    }
  }
  await expect(table.getByRole("link", { name: "Hibernating", exact: true })).toHaveCount(0);
});
