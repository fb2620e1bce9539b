import { expect, test } from "./support/test";

// The reference is rendered in the browser from the OpenAPI document, under the app's CSP (the
// cspViolations fixture fails the test on any violation: Scalar must need nothing from outside).
test("the API reference renders every operation from the OpenAPI document, on a phone too", async ({ page, request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  const operations = Object.values(doc.paths as Record<string, Record<string, { summary: string; tags: string[] }>>).flatMap((methods) => Object.values(methods));
  const tags = [...new Set(operations.map((o) => o.tags[0]))];
  expect(tags.length).toBeGreaterThan(1);

  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Segmenta API", level: 1 })).toBeVisible();
  // Every tag is a group of the sidebar; opening one lists its operations by summary.
  const sidebar = page.getByRole("complementary");
  for (const tag of tags) await expect(sidebar.getByRole("link", { name: tag, exact: true })).toBeVisible();
  const last = tags[tags.length - 1];
  await sidebar.getByRole("button", { name: `Open Group - ${last}` }).click();
  for (const o of operations.filter((o) => o.tags[0] === last)) await expect(sidebar.getByRole("link", { name: new RegExp(`^${o.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).first()).toBeVisible();
  await expect(page.getByText("Ask AI")).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { name: "Segmenta API", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
