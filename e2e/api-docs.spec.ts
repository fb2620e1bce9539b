import { expect, test } from "./support/test";

// The reference is rendered in the browser from the OpenAPI document, under the app's CSP (the
// cspViolations fixture fails the test on any violation: Scalar must need nothing from outside).
test("the API reference renders every operation from the OpenAPI document, on a phone too", async ({ page, request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  const summaries = Object.values(doc.paths as Record<string, Record<string, { summary: string }>>).flatMap((methods) => Object.values(methods).map((o) => o.summary));
  expect(summaries.length).toBeGreaterThan(0);

  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Segmenta API", level: 1 })).toBeVisible();
  for (const summary of summaries.slice(0, 5)) await expect(page.getByText(summary, { exact: true }).first()).toBeAttached();
  await expect(page.getByText("Ask AI")).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { name: "Segmenta API", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
