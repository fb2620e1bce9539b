import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());


test("an admin creates a select field with options, sees it in the customer form, then archives it", async ({ browser }) => {
  test.slow(); // many round trips on one page; give a loaded machine room
  const admin = await sessions.signedIn(browser, "admin", "/w/demo/fields");
  await expect(admin.getByRole("heading", { name: "Custom fields" })).toBeVisible();
  await expect(admin.getByRole("row", { name: /Preferred device/ })).toBeVisible();

  await admin.getByRole("button", { name: "New field" }).click();
  const dialog = admin.getByRole("dialog", { name: "New custom field" });
  await dialog.getByLabel("Label", { exact: true }).fill("Membership tier");
  await expect(dialog.getByLabel("Key")).toHaveValue("membership_tier");
  await dialog.getByLabel("Type").selectOption({ label: "Single choice" });
  await dialog.getByLabel("Option 1 label").fill("Gold");
  await dialog.getByLabel("Option 2 label").fill("Silver");
  await dialog.getByRole("button", { name: "Add option" }).click();
  await dialog.getByLabel("Option 3 label").fill("Bronze");
  await expectNoSeriousA11yViolations(admin);
  await dialog.getByRole("button", { name: "Create field" }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.getByText("Created Membership tier.")).toBeVisible();
  const row = admin.getByRole("row", { name: /Membership tier/ });
  await expect(row).toContainText("membership_tier");
  await expect(row).toContainText("Gold, Silver, Bronze");
  await expectNoSeriousA11yViolations(admin);

  // A second field with the same key is refused at the key.
  await admin.getByRole("button", { name: "New field" }).click();
  await dialog.getByLabel("Label", { exact: true }).fill("Membership tier");
  await dialog.getByRole("button", { name: "Create field" }).click();
  await expect(dialog.getByText("This key is already used by another custom field in this workspace. Choose another.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Rename an option label; the key stays.
  await row.getByRole("button", { name: "Edit Membership tier" }).click();
  const edit = admin.getByRole("dialog", { name: "Edit Membership tier" });
  await expect(edit.getByLabel("Key")).toHaveAttribute("readonly", "");
  await edit.getByLabel("Option 1 label").fill("Gold plus");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("Gold plus, Silver, Bronze");

  await admin.goto("/w/demo/customers/new");
  const tier = admin.getByLabel("Membership tier");
  await expect(tier).toBeVisible();
  await expect(tier.locator("option")).toHaveText(["—", "Gold plus", "Silver", "Bronze"]);

  await admin.goto("/w/demo/fields");
  await admin.getByRole("row", { name: /Membership tier/ }).getByRole("button", { name: "Archive Membership tier" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Archive field" }).click();
  await expect(admin.getByRole("row", { name: /Membership tier/ })).toContainText("Archived");
  await admin.goto("/w/demo/customers/new");
  await expect(admin.getByLabel("Preferred device")).toBeVisible();
  await expect(admin.getByLabel("Membership tier")).toHaveCount(0);
});

test("editors and viewers cannot manage custom fields", async ({ browser }) => {
  for (const role of ["editor", "viewer"] as const) {
    const page = await sessions.signedIn(browser, role, "/w/demo");
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Custom fields" })).toHaveCount(0);
    await page.goto("/w/demo/fields");
    await expect(page).toHaveURL(/\/w\/demo\/forbidden\?permission=fields\.manage$/);
    await expect(page.getByRole("button", { name: "New field" })).toHaveCount(0);
  }
});
