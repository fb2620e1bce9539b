import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Locator, type Page } from "./support/test";
import { signInAs } from "./support/session";

// The first request opens the database and sign-in hashes passwords: be patient on slow machines.
const expect = baseExpect.configure({ timeout: 30_000 });

const TABLE = "/w/demo/customers";
const bodyRows = (page: Page) => page.getByRole("table").locator("tbody tr");
const header = (page: Page, name: string) => page.getByRole("columnheader", { name: new RegExp(`^${name}`) });
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search customers" });
const money = (text: string) => Number(text.replace(/[^0-9.-]/g, ""));

/** The text of one column for the shown rows (the header's position gives the cell's). */
async function columnTexts(page: Page, name: string): Promise<string[]> {
  const headers = await page.getByRole("table").locator("thead th").allInnerTexts();
  const index = headers.findIndex((h) => h.trim().toLowerCase().startsWith(name.toLowerCase()));
  expect(index).toBeGreaterThanOrEqual(0);
  return bodyRows(page).locator(`td:nth-child(${index + 1})`).allInnerTexts();
}

async function rowCountShown(page: Page): Promise<number> {
  const summary = await page.getByText(/^Showing \d/).innerText();
  return Number(/of ([\d,]+)/.exec(summary)![1].replaceAll(",", ""));
}

async function download(page: Page, link: Locator): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(file.suggestedFilename()).toMatch(/^customers-demo-\d{4}-\d{2}-\d{2}\.csv$/);
  return fs.readFileSync((await file.path())!, "utf8");
}

test("an editor searches, sorts, pages, chooses columns, keeps it all in the URL, opens a profile and exports", async ({ page }) => {
  await signInAs(page, "editor", TABLE);
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  await expect(page.getByText(/5,000 customers/).first()).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(page.getByRole("link", { name: "Import" })).toHaveAttribute("href", "/w/demo/customers/import");
  await expect(page.getByRole("link", { name: "New customer" })).toHaveAttribute("href", "/w/demo/customers/new");
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Search by a customer's email: one row, the search in the URL.
  const email = (await columnTexts(page, "Email"))[3];
  await searchBox(page).fill(email.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email.toUpperCase()).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first()).toContainText(email);
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(page).not.toHaveURL(/q=/);

  // No results.
  await searchBox(page).fill("zzzz-no-such-customer");
  await expect(page.getByText(/No customers match/)).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).first().click();
  await expect(bodyRows(page)).toHaveCount(25);

  // Sort by total spent: highest first, then lowest first.
  await header(page, "Total spent").getByRole("button").click();
  await expect(page).toHaveURL(/sort=totalSpent&dir=desc/);
  await expect(header(page, "Total spent")).toHaveAttribute("aria-sort", "descending");
  const desc = (await columnTexts(page, "Total spent")).map(money);
  expect(desc).toEqual([...desc].sort((x, y) => y - x));
  await header(page, "Total spent").getByRole("button").click();
  await expect(page).toHaveURL(/sort=totalSpent&dir=asc/);
  await expect(header(page, "Total spent")).toHaveAttribute("aria-sort", "ascending");
  const asc = (await columnTexts(page, "Total spent")).map(money);
  expect(asc).toEqual([...asc].sort((x, y) => x - y));

  // 50 rows a page, then page 2.
  await page.getByLabel("Rows per page").selectOption("50");
  await expect(page).toHaveURL(/size=50/);
  await expect(bodyRows(page)).toHaveCount(50);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Showing 51–100 of 5,000 customers")).toBeVisible();

  // A custom field column.
  await page.getByRole("button", { name: "Columns" }).click();
  const dialog = page.getByRole("dialog", { name: "Choose columns" });
  await dialog.getByRole("checkbox", { name: "Loyalty points" }).check();
  await dialog.getByRole("checkbox", { name: "Country" }).uncheck();
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(header(page, "Loyalty points")).toBeVisible();
  await expect(header(page, "Country")).toHaveCount(0);
  await expect(page).toHaveURL(/cols=[^&]*custom\.loyalty_points/);

  // Reload: everything is still there.
  await page.reload();
  await expect(header(page, "Loyalty points")).toBeVisible();
  await expect(header(page, "Total spent")).toHaveAttribute("aria-sort", "ascending");
  await expect(bodyRows(page)).toHaveCount(50);
  await expect(page.getByText("Showing 51–100 of 5,000 customers")).toBeVisible();

  // Back undoes the column change, forward redoes it.
  await page.goBack();
  await expect(header(page, "Loyalty points")).toHaveCount(0);
  await expect(header(page, "Country")).toBeVisible();
  await page.goForward();
  await expect(header(page, "Loyalty points")).toBeVisible();

  // A bare link shows the columns this browser remembers.
  await page.goto(TABLE);
  await expect(page).toHaveURL(/cols=[^&]*custom\.loyalty_points/);
  await expect(header(page, "Loyalty points")).toBeVisible();

  // Export the current view (a search keeps the file small); header of keys, one record per match.
  await searchBox(page).fill("gmail");
  await expect(page).toHaveURL(/q=gmail/);
  await expect(page.getByText(/matching “gmail”/)).toBeVisible();
  const matches = await rowCountShown(page);
  const csv = await download(page, page.getByRole("link", { name: "Export CSV" }));
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("id,externalId,email,firstName,lastName,lifecycleStage,ordersCount,totalSpent,lastOrderAt,createdAt,custom.loyalty_points");
  expect(lines).toHaveLength(matches + 1);
  expect(lines.slice(1).every((l) => l.includes("gmail"))).toBe(true);

  // Clicking a row opens the profile; so does Enter on a row reached with the arrow keys.
  const firstName = await bodyRows(page).first().getByRole("link").innerText();
  await bodyRows(page).first().locator("td").nth(1).click();
  await expect(page).toHaveURL(/\/w\/demo\/customers\/[0-9a-f-]{36}$/);
  await page.goBack();
  await expect(bodyRows(page).first().getByRole("link")).toHaveText(firstName);
  await bodyRows(page).first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(bodyRows(page).nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/w\/demo\/customers\/[0-9a-f-]{36}$/);
});

test("a viewer reads the table but cannot import, create or export", async ({ page }) => {
  await signInAs(page, "viewer", TABLE);
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(page.getByRole("link", { name: /^(Import|New customer|Export CSV)/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Columns" })).toBeVisible();
  const refused = await page.request.get(`${TABLE}/export`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatch(/permission/i);
});
