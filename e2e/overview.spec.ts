import { expect, test } from "@playwright/test";
import { signInAs } from "./support/session";

test("the overview shows the workspace's real numbers and its revenue chart", async ({ page }) => {
  await signInAs(page, "viewer");
  await expect(page.getByRole("heading", { level: 1, name: "Demo Store" })).toBeVisible();
  const customers = page.locator("dt", { hasText: "Customers" }).locator("..");
  await expect(customers.locator("dd").first()).toHaveText("5,000");
  await expect(page.getByText("Revenue per month (paid orders, last 12 months)")).toBeVisible();
  // The chart's numbers are also a table for screen readers: twelve months.
  await expect(page.locator("table", { has: page.locator("caption", { hasText: "Revenue per month" }) }).locator("tbody tr")).toHaveCount(12);
  await expect(page.getByRole("heading", { name: "Top countries" })).toBeVisible();
});

test("the navigation collapses behind a menu button on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin");
  const menu = page.getByRole("button", { name: "Open navigation" });
  await expect(menu).toBeVisible();
  await menu.click();
  await page.locator("#mobile-nav").getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/members$/);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});
