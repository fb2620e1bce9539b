import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test } from "./support/test";
import { signInAs } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });

test("an editor imports a small file: changes a mapping, previews, and sees the summary and the error report", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const csv = [
    "E-mail;Vorname;Nachname;Notes",
    `ada-${stamp}@example.com;Ada;Lovelace;first programmer`,
    `grace-${stamp}@example.com;Grace;Hopper;`,
    "not-an-email;Bad;Row;",
  ].join("\n");

  await signInAs(page, "editor", "/w/demo/customers/import");
  await expect(page.getByRole("heading", { name: "Import", exact: true })).toBeVisible();
  await page.getByLabel("The file holds").selectOption("customers");
  await page.getByLabel("CSV file").setInputFiles({ name: `e2e-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  await expect(page.getByRole("heading", { name: "Map the columns" })).toBeVisible();
  await expect(page.getByText("3 rows · semicolon-separated")).toBeVisible();
  await expect(page.getByLabel("Import “E-mail” as")).toHaveValue("email");
  // "Vorname" is not recognised: map it by hand, and leave the notes out.
  await expect(page.getByLabel("Import “Vorname” as")).toHaveValue("");
  await page.getByLabel("Import “Vorname” as").selectOption("firstName");
  await page.getByLabel("Import “Nachname” as").selectOption("lastName");
  await page.getByLabel("Import “Notes” as").selectOption("");

  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row")).toHaveCount(4);
  await expect(preview.getByRole("row").nth(1)).toContainText("Create");
  await expect(preview.getByRole("row").nth(1)).toContainText("Ada");
  await expect(preview.getByRole("row").nth(3)).toContainText('"not-an-email" is not a valid email address.');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // One row would fail: the button says so and asks first.
  await page.getByRole("button", { name: "Import 2 valid rows, skip 1?" }).click();
  await page.getByRole("alertdialog", { name: "Import 2 valid rows, skip 1?" }).getByRole("button", { name: "Import 2, skip 1" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 30_000 });
  const summary = page.getByRole("definition");
  await expect(summary.nth(0)).toHaveText("2"); // created
  await expect(summary.nth(3)).toHaveText("1"); // failed
  await expect(page.getByRole("cell", { name: '"not-an-email" is not a valid email address.' })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download error report (CSV)" }).click();
  const report = fs.readFileSync(await (await download).path(), "utf8");
  expect(report).toBe('row,column,value,reason\r\n4,E-mail,not-an-email,"""not-an-email"" is not a valid email address."\r\n');

  // The import is in the history, and the summary survives a reload.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  await page.getByRole("link", { name: "← All imports" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`e2e-${stamp}\\.csv`) })).toContainText("Completed");
});

test("an admin makes a new custom field from a column, with the type guessed from its values", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const tiers = ["Gold", "Silver", "Gold", "Bronze", "Silver"];
  const csv = ["email,Tier", ...tiers.map((t, i) => `tier-${stamp}-${i}@example.com,${t}`)].join("\n");
  await signInAs(page, "admin", "/w/demo/customers/import");
  await page.getByLabel("CSV file").setInputFiles({ name: `tiers-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await page.getByLabel("Import “Tier” as").selectOption("New custom field…");
  const dialog = page.getByRole("dialog", { name: "New custom field from “Tier”" });
  await dialog.getByLabel("Label").fill(`Tier ${stamp}`);
  await expect(dialog.getByLabel("Type")).toHaveValue("select");
  await expect(dialog.getByLabel("Options")).toHaveValue("Bronze\nGold\nSilver");
  await dialog.getByRole("button", { name: "Create field" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Import “Tier” as")).toHaveValue(`custom.tier_${stamp}`);
  await expect(page.getByRole("table", { name: "Preview of the first rows" }).getByRole("row").nth(1)).toContainText("Gold");
  await page.getByRole("button", { name: "Import 5 rows" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("definition").nth(0)).toHaveText("5");
  await expect(page.getByRole("link", { name: "Download error report (CSV)" })).toHaveCount(0);
});

test("a viewer cannot open the import page", async ({ page }) => {
  await signInAs(page, "viewer", "/w/demo");
  await page.goto("/w/demo/customers/import");
  await expect(page).toHaveURL(/\/w\/demo\/forbidden/);
});
