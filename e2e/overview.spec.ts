import { expect, test } from "./support/test";
import { signInAs } from "./support/session";

test("the overview shows the workspace's real numbers and its revenue chart", async ({ page }) => {
  await signInAs(page, "viewer");
  // The demo's 5,000 customers plus whatever earlier specs imported: the customer table's total.
  await page.goto("/w/demo/customers");
  const summary = await page.getByText(/Showing 1–\d+ of [\d,]+ customers/).first().textContent();
  const total = /of ([\d,]+) customers/.exec(summary ?? "")![1];
  expect(Number(total.replaceAll(",", ""))).toBeGreaterThanOrEqual(5000);
  await page.goto("/w/demo");
  await expect(page.getByRole("heading", { level: 1, name: "Demo Store" })).toBeVisible();
  const customers = page.locator("dt", { hasText: "Customers" }).locator("..");
  await expect(customers.locator("dd").first()).toHaveText(total);
  await expect(page.getByRole("img", { name: /^Revenue per month\b/ })).toBeVisible();
  // The chart's numbers as a table: twelve months, the current one counted so far.
  await page.getByRole("button", { name: "Show table: Revenue per month" }).click();
  const months = page.locator("table", { has: page.locator("caption", { hasText: "Revenue per month" }) }).locator("tbody tr");
  await expect(months).toHaveCount(12);
  await expect(months.last().locator("th")).toHaveText(/\(so far\)$/);
  await expect(page.getByRole("heading", { name: "Top countries" })).toBeVisible();
});

test("the navigation collapses behind a menu button on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin");
  const menu = page.getByRole("button", { name: "Open navigation" });
  await expect(menu).toBeVisible();
  const members = page.locator("#mobile-nav").getByRole("link", { name: "Members" });
  // A click before the page has hydrated does nothing on a busy machine: click until it opens.
  await expect(async () => {
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
    await expect(members).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await members.click();
  await expect(page).toHaveURL(/\/w\/demo\/members$/);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});
