import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

const count = (text: string) => Number(text.replace(/[^\d]/g, ""));

async function expectNoA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** With E2E_SCREENSHOTS=<dir>, keeps a full-page screenshot for people to look at. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The live member count the segments list shows for a segment. */
async function listedMembers(page: Page, name: string): Promise<number> {
  const row = page.getByTestId("segment-row").filter({ has: page.getByRole("link", { name, exact: true }) });
  return count(await row.getByTestId("segment-members").innerText());
}

test("members where people look for them: the list compares, the Members tab lists and exports, the customer table filters by segment", async ({ browser }) => {
  test.slow(); // one long walk through several pages on a loaded machine
  const page = await sessions.signedIn(browser, "editor", "/w/demo/segments", { acceptDownloads: true });
  const highValue = await listedMembers(page, "High value");
  expect(highValue).toBeGreaterThan(25); // more than one page of members

  // Compare from the list: tick two segments, "Compare (2)".
  const compare = page.getByRole("button", { name: /^Compare/ });
  await expect(compare).toBeDisabled();
  await expect(page.getByText("Tick 2 to 6 segments to compare them.")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select High value to compare" }).check();
  await page.getByRole("checkbox", { name: "Select Lapsed buyers to compare" }).check();
  await expect(compare).toHaveText("Compare (2)");
  await keepScreenshot(page, "segments-list-1280");
  await compare.click();
  await page.waitForURL(/\/w\/demo\/segments\/compare\?ids=[0-9a-f-]{36},[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Compare segments" })).toBeVisible();
  const headline = page.locator("table", { has: page.locator("caption", { hasText: "Headline numbers of the compared segments" }) });
  await expect(headline.getByRole("columnheader", { name: "High value" })).toBeVisible();
  await expect(headline.getByRole("columnheader", { name: "Lapsed buyers" })).toBeVisible();

  // The list's member count opens the Members tab.
  await page.goto("/w/demo/segments");
  await expect(page.getByRole("link", { name: `${highValue.toLocaleString("en-US")} members of High value` })).toHaveAttribute("href", /\/w\/demo\/segments\/[0-9a-f-]{36}\/members$/);

  // Rules → Members through the tabs.
  await page.getByRole("link", { name: "High value", exact: true }).click();
  const tabs = page.getByRole("navigation", { name: "Segment pages" });
  await expect(tabs.getByRole("link", { name: "Rules" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "Members" }).click();
  await page.waitForURL(/\/w\/demo\/segments\/[0-9a-f-]{36}\/members$/);
  const segmentPath = new URL(page.url()).pathname.replace(/\/members$/, "");
  const segmentId = segmentPath.split("/").pop()!;
  await expect(tabs.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", `${segmentPath}/dashboard`);
  await expect(tabs.getByRole("link", { name: "Rules" })).toHaveAttribute("href", segmentPath);
  await expect(page.getByRole("heading", { level: 1, name: "High value" })).toBeVisible();
  await expect(page.getByTestId("members-headline")).toHaveText(`${highValue.toLocaleString("en-US")} members`);
  const members = page.getByRole("table", { name: /^Members of High value/ });
  await expect(members.locator("tbody tr")).toHaveCount(25);
  await expect(page.getByText(`Showing 1–25 of ${highValue.toLocaleString("en-US")} members`)).toBeVisible();
  await expect(members.locator("tbody tr").first().getByRole("link")).toHaveAttribute("href", /^\/w\/demo\/customers\/[0-9a-f-]{36}$/);
  await expectNoA11yViolations(page);
  await keepScreenshot(page, "members-tab-1280");

  // Sorting stays on the tab (the URL carries it) and search narrows the members, the headline still names all.
  await members.getByRole("button", { name: "Total spent" }).click();
  await page.waitForURL(/\/members\?.*sort=totalSpent/);
  await expect(members.locator("thead th[aria-sort]")).toHaveAttribute("aria-sort", /descending|ascending/);
  await expect(page.getByText(/· sorted by Total spent, descending/)).toBeVisible();

  // The export holds every member.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export members (CSV)" }).click();
  const csv = fs.readFileSync((await (await downloading).path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n").filter((l) => l !== "");
  expect(lines[0].split(",").slice(0, 3)).toEqual(["id", "externalId", "email"]);
  expect(lines.length - 1).toBe(highValue);

  // The customer table filtered by the segment gives the same total; "not in" gives everyone else.
  await page.goto("/w/demo/customers");
  const everyone = count(await page.getByText(/^[\d,]+ customers/).first().innerText());
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "High value" });
  await page.waitForURL(new RegExp(`/w/demo/customers\\?segment=${segmentId}`));
  await expect(page.getByText(`${highValue.toLocaleString("en-US")} customers in “High value”`)).toBeVisible();
  await expect(page.getByText(`of ${highValue.toLocaleString("en-US")} customers`)).toBeVisible();
  await keepScreenshot(page, "customers-in-segment-1280");
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Not in High value" });
  await page.waitForURL(/segmentOp=not_in/);
  await expect(page.getByText(`${(everyone - highValue).toLocaleString("en-US")} customers not in “High value”`)).toBeVisible();
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "All customers" });
  await expect(page.getByText(`${everyone.toLocaleString("en-US")} customers ·`)).toBeVisible();

  // Another workspace's (or a deleted) segment in a link is ignored, and said so.
  await page.goto("/w/demo/customers?segment=00000000-0000-4000-8000-000000000000");
  await expect(page.getByText("The segment in this link doesn't exist in this workspace")).toBeVisible();
  await expect(page.getByText(`${everyone.toLocaleString("en-US")} customers ·`)).toBeVisible();
});

test("at phone width: the Members tab passes axe, a new column scrolls into view, and a hidden sort column is still named", async ({ browser }) => {
  const page = await sessions.signedIn(browser, "viewer", "/w/demo/segments");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("checkbox", { name: "Select High value to compare" }).check();
  await keepScreenshot(page, "segments-list-390");
  await page.getByRole("link", { name: "High value", exact: true }).click();
  await page.getByRole("navigation", { name: "Segment pages" }).getByRole("link", { name: "Members" }).click();
  await page.waitForURL(/\/members$/);
  await expect(page.getByTestId("members-headline")).toHaveText(/^[\d,]+ members$/);
  await expect(page.getByRole("link", { name: "Export members (CSV)" })).toHaveCount(0); // viewers do not export
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoA11yViolations(page);
  await keepScreenshot(page, "members-tab-390");

  // A column added last lands off-screen on a phone: the table scrolls to it.
  await page.getByRole("button", { name: "Columns" }).click();
  const chooser = page.getByRole("dialog", { name: "Choose columns" });
  await chooser.getByRole("checkbox", { name: "City" }).check();
  await chooser.getByRole("button", { name: "Apply" }).click();
  const city = page.getByRole("columnheader", { name: "City" });
  await expect(city).toBeVisible();
  // (0.99: the last column ends at a fractional pixel that the integer scroll offset cannot quite reach.)
  await expect(city).toBeInViewport({ ratio: 0.99 });

  // Hiding the sort column (Created) keeps the list's order and says so, with a way to show it again.
  await page.getByRole("button", { name: "Columns" }).click();
  await chooser.getByRole("checkbox", { name: "Created" }).uncheck();
  await chooser.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("columnheader", { name: "Created" })).toHaveCount(0);
  await expect(page.getByText(/sorted by Created \(not shown/)).toBeVisible();
  await page.getByRole("button", { name: "show the column" }).click();
  await expect(page.getByRole("columnheader", { name: "Created" })).toBeInViewport({ ratio: 0.99 });
  await expect(page.getByText(/· sorted by Created, descending/)).toBeVisible();
  await keepScreenshot(page, "members-tab-390-columns");

  await page.goto("/w/demo/customers");
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "High value" });
  await expect(page.getByText(/customers in “High value”/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await keepScreenshot(page, "customers-in-segment-390");
});

test("the browser's favicon.ico and the app icon are served", async ({ request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await ico.body()).subarray(0, 4).toString("hex")).toBe("00000100"); // an ICO header
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
});
