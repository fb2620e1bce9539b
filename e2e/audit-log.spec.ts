import fs from "node:fs";
import { expect, test } from "./support/test";
import { browserSessions, demoUser } from "./support/session";

const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test("an admin changes a custom field, then finds the change in the audit log by action, person and date, and exports it", async ({ browser }) => {
  test.slow();
  const suffix = Date.now().toString(36);
  const label = `Audit probe ${suffix}`;
  const renamed = `Audit probe renamed ${suffix}`;
  const admin = await sessions.signedIn(browser, "admin", "/w/demo/fields", { acceptDownloads: true });

  await admin.getByRole("button", { name: "New field" }).click();
  const dialog = admin.getByRole("dialog", { name: "New custom field" });
  await dialog.getByLabel("Label", { exact: true }).fill(label);
  await dialog.getByRole("button", { name: "Create field" }).click();
  await expect(dialog).toBeHidden();
  await admin.getByRole("row", { name: new RegExp(label) }).getByRole("button", { name: `Edit ${label}` }).click();
  const edit = admin.getByRole("dialog", { name: `Edit ${label}` });
  await edit.getByLabel("Label", { exact: true }).fill(renamed);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();

  await admin.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" }).click();
  await admin.waitForURL((url) => url.pathname === "/w/demo/audit");
  await expect(admin.getByRole("heading", { name: "Audit log" })).toBeVisible();

  // Filter by action.
  await admin.getByLabel("Action", { exact: true }).selectOption({ label: "Custom field changed" });
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.waitForURL((url) => url.searchParams.get("action") === "custom_field.update");
  const rows = admin.getByRole("table", { name: /Audit log entries/ }).locator("tbody tr");
  const change = rows.filter({ hasText: renamed });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText("Custom field changed");
  await expect(change).toContainText("Ada Admin");
  await expect(change).toContainText(demoUser("admin").email);
  // The diff in words: the old label → the new one, and a link to the field while it exists.
  await expect(change.getByRole("listitem").filter({ hasText: "Label:" })).toHaveText(`Label: ${label} → changed to ${renamed}`);
  await expect(change.getByRole("link", { name: renamed })).toHaveAttribute("href", "/w/demo/fields");
  for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text).toContain("Custom field changed");

  // Filter by person (the admin) and a date range around today: still there.
  await admin.getByLabel("Person", { exact: true }).selectOption({ label: `Ada Admin (${demoUser("admin").email})` });
  await admin.getByLabel("From", { exact: true }).fill(isoDay(-1));
  await admin.getByLabel("To", { exact: true }).fill(isoDay(1));
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.waitForURL((url) => url.searchParams.get("person") !== null && url.searchParams.get("from") === isoDay(-1));
  await expect(rows.filter({ hasText: renamed })).toHaveCount(1);

  // The CSV of the filtered entries.
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-demo-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFid,time,localTime,person,email,action,actionLabel,entityType,entityId,entity,details,data");
  expect(csv).toContain(`Label: ${label} → ${renamed}`);
  expect(csv).not.toContain("custom_field.create");

  // The export is itself in the log.
  await admin.goto("/w/demo/audit?action=audit.export");
  await expect(rows.first()).toContainText("Audit log exported");

  // A date range with nothing in it.
  await admin.goto("/w/demo/audit?from=2001-01-01&to=2001-01-02");
  await expect(admin.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();
  await admin.getByRole("link", { name: "Clear filters" }).click();
  await admin.waitForURL((url) => url.pathname === "/w/demo/audit" && url.search === "");
  await expect(rows.first()).toBeVisible();
});

test("editors and viewers cannot open the audit log or export it", async ({ browser }) => {
  for (const role of ["editor", "viewer"] as const) {
    const page = await sessions.signedIn(browser, role, "/w/demo");
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await page.goto("/w/demo/audit");
    await page.waitForURL((url) => url.pathname === "/w/demo/forbidden");
    expect(new URL(page.url()).searchParams.get("permission")).toBe("audit.read");
    const res = await page.request.get("/api/w/demo/audit/export");
    expect(res.status()).toBe(403);
  }
});
