import fs from "node:fs";
import { expect, test, type Page } from "./support/test";
import { signInAs } from "./support/session";

/** The id of a demo segment, read from the comparison picker's checkbox. */
async function segmentId(page: Page, name: string): Promise<string> {
  await page.goto("/w/demo/segments/compare");
  const value = await page.getByRole("checkbox", { name }).getAttribute("value");
  expect(value).toMatch(/^[0-9a-f-]{36}$/);
  return value!;
}

function headline(page: Page, label: string) {
  return page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("..").locator("dd").first();
}

test("a segment dashboard shows its numbers and charts, switches a chart to a table, and exports every member", async ({ page }) => {
  await signInAs(page, "editor");
  const id = await segmentId(page, "High value");
  await page.goto(`/w/demo/segments/${id}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "High value" })).toBeVisible();
  await expect(page.getByText(/Computed .* from (live data|stored members)/)).toBeVisible();
  const members = Number((await headline(page, "Members").innerText()).replaceAll(",", ""));
  expect(members).toBeGreaterThan(0);
  expect(members).toBeLessThan(5000);
  await expect(headline(page, "Average member value")).toHaveText(/^\$[\d,]+\.\d\d$/);

  // A fresh demo has only today's snapshot: the history says when it starts (dashboard-readable.spec.ts).
  await expect(page.getByRole("figure", { name: "Size over time" })).toBeVisible();
  for (const title of ["Revenue per month", "Country", "Gender", "Age band", "Lifecycle stage", "Language", "RFM segment", "Preferred device", "Top product categories"]) {
    await expect(page.getByRole("img", { name: new RegExp(`^${title}\\b`) })).toBeVisible();
  }
  // The demo's stored RFM scores: high-value members fall into several RFM segments.
  await page.getByRole("button", { name: "Show table: RFM segment" }).click();
  const rfm = page.locator("table", { has: page.locator("caption", { hasText: /^RFM segment$/ }) });
  await expect(rfm.locator("tbody tr").first()).toBeVisible();
  expect(await rfm.locator("tbody tr").count()).toBeGreaterThan(1);
  await expect(rfm.locator("tbody")).not.toContainText("No RFM score");
  // The chart's numbers as a table, and back.
  await page.getByRole("button", { name: "Show table: Gender" }).click();
  const genders = page.locator("table", { has: page.locator("caption", { hasText: /^Gender$/ }) });
  await expect(genders).toBeVisible();
  const counts = await genders.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(counts.reduce((n, t) => n + Number(t.replaceAll(",", "")), 0)).toBe(members);
  await page.getByRole("button", { name: "Show chart: Gender" }).click();
  await expect(page.getByRole("img", { name: /^Gender\b/ })).toBeVisible();

  // Joined and left from the membership change log (zero and empty lists until the engine has run), and where the count comes from.
  await expect(page.getByTestId("membership-note")).toHaveText(/^(Members as of (\d+ \w+, )?\d\d:\d\d|Counted live — stored members are being updated)$/);
  await expect(page.getByRole("heading", { level: 2, name: "Who joined and left" })).toBeVisible();
  for (const label of ["Joined, last 7 days", "Left, last 7 days", "Joined, last 30 days", "Left, last 30 days"]) {
    await expect(headline(page, label)).toHaveText(/^[\d,]+$/);
  }
  await expect(page.getByTestId("recent-joiners")).toBeVisible();
  await expect(page.getByTestId("recent-leavers")).toBeVisible();

  // The most valuable members link to their profiles.
  const top = page.locator("table", { has: page.locator("caption", { hasText: "The 10 most valuable members" }) });
  await expect(top.locator("tbody tr")).toHaveCount(Math.min(10, members));
  await expect(top.locator("tbody tr").first().getByRole("link")).toHaveAttribute("href", /^\/w\/demo\/customers\/[0-9a-f-]{36}$/);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export members (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^segment-high-value-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n").filter((l) => l !== "");
  expect(lines[0]).toBe("id,externalId,email,firstName,lastName,country,lifecycleStage,ordersCount,totalSpent,lastOrderAt");
  expect(lines.length - 1).toBe(members);
});

test("two segments compared: headline numbers side by side, size against value, and their overlap", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/w/demo/segments/compare");
  await page.getByRole("checkbox", { name: "High value" }).check();
  await page.getByRole("checkbox", { name: "Lapsed buyers" }).check();
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/segments\/compare\?ids=[0-9a-f-]{36}&ids=[0-9a-f-]{36}$/);
  const table = page.locator("table", { has: page.locator("caption", { hasText: "Headline numbers of the compared segments" }) });
  await expect(table.getByRole("columnheader", { name: "High value" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Lapsed buyers" })).toBeVisible();
  await expect(table.getByRole("row", { name: /^Members/ }).getByRole("cell")).toHaveCount(2);
  await expect(page.getByRole("img", { name: /^Size against average member value/ })).toBeVisible();
  const overlap = page.locator("table", { has: page.locator("caption", { hasText: /^Overlap between each pair/ }) });
  await expect(overlap.getByRole("row")).toHaveCount(3);
  await expect(overlap.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText(/^[\d,]+\s*[\d.]+%$/);

  // A viewer reads dashboards but cannot export members; a made-up id is not found.
  await table.getByRole("link", { name: "High value" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "High value" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export members (CSV)" })).toHaveCount(0);
  const refused = await page.request.get(`${new URL(page.url()).pathname}/export`);
  expect(refused.status()).toBe(403);
  const missing = await page.goto("/w/demo/segments/00000000-0000-4000-8000-000000000000/dashboard");
  expect(missing?.status()).toBe(404);
});
