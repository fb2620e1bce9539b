import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });

const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());


test("an editor computes RFM; a viewer reads the grid, the segments and their members but cannot change anything", async ({ browser }) => {
  test.slow();
  const editor = await sessions.signedIn(browser, "editor", "/w/demo/rfm");
  await expect(editor.getByRole("heading", { name: "RFM", exact: true })).toBeVisible();
  await editor.getByRole("button", { name: /Compute RFM scores|Recompute/ }).click();
  await expect(editor.getByText(/Scored [\d,]+ customers in [\d.]+ s\./)).toBeVisible({ timeout: 60_000 });
  await expect(editor.getByRole("table", { name: "RFM segments" })).toBeVisible();
  await expect(editor.getByRole("form", { name: "RFM segment rules" })).toHaveCount(0);

  const viewer = await sessions.signedIn(browser, "viewer", "/w/demo/rfm");
  await expect(viewer.getByRole("navigation").getByRole("link", { name: "RFM" })).toHaveAttribute("aria-current", "page");
  await expect(viewer.getByTestId("rfm-freshness")).toContainText(/Computed .* for analysis date \d{4}-\d{2}-\d{2} · [\d,]+ customers scored/);
  const grid = viewer.getByRole("table", { name: /Customers and average monetary value/ });
  await expect(grid.getByRole("rowheader", { name: "R 5" })).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: "F 5" })).toBeVisible();
  const cellTexts = await grid.locator("td").allInnerTexts();
  expect(cellTexts).toHaveLength(25);
  expect(cellTexts.reduce((sum, t) => sum + Number(t.split("\n")[0].replaceAll(",", "")), 0)).toBeGreaterThan(0);
  await expect(grid.locator("td").filter({ hasText: /avg \$[\d,]+\.\d\d/ }).first()).toBeVisible();

  const segments = viewer.getByRole("table", { name: "RFM segments" });
  const firstRow = segments.getByRole("row").nth(1);
  await expect(firstRow).toContainText(/[\d,]+.*\$[\d,]+\.\d\d.*\d+(\.\d)?%/s);
  await expect(viewer.getByRole("button", { name: /Recompute|Compute RFM scores/ })).toHaveCount(0);
  await expect(viewer.getByRole("form", { name: "RFM segment rules" })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page: viewer }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const link = firstRow.getByRole("link");
  const name = (await link.innerText()).trim();
  await link.click();
  await expect(viewer.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(viewer.getByRole("table", { name: `Members of ${name}` }).getByRole("row").nth(1).getByRole("link")).toBeVisible();
});

test("an admin edits a rule: an invalid range is refused at its field, a valid edit shows in the segment table", async ({ browser }) => {
  test.slow();
  const admin = await sessions.signedIn(browser, "admin", "/w/demo/rfm");
  const form = admin.getByRole("form", { name: "RFM segment rules" });
  await expect(form).toBeVisible();
  const name = form.getByRole("textbox", { name: "Segment name" }).first();
  await expect(name).toHaveValue("Champions");

  await form.getByLabel("Champions R from").selectOption("5");
  await form.getByLabel("Champions R to").selectOption("4");
  await form.getByRole("button", { name: "Save rules" }).click();
  await expect(form.getByText("the low score must not be above the high score")).toBeVisible();
  await expect(form.getByLabel("Champions R from")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Champions R to").selectOption("5");
  await name.fill("Top fans");
  await form.getByRole("button", { name: "Save rules" }).click();
  await expect(form.getByText(/Saved 10 rules/)).toBeVisible({ timeout: 60_000 });
  await expect(admin.getByRole("table", { name: "RFM segments" }).getByRole("link", { name: "Top fans", exact: true })).toBeVisible();
  await expect(admin.getByRole("table", { name: "RFM segments" }).getByRole("link", { name: "Champions", exact: true })).toHaveCount(0);
});
