import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // Next streams a dynamic page's metadata after its content: check the page once its title is in.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());


async function createCustomer(page: Page, email: string, first: string, last: string): Promise<string> {
  await page.goto("/w/demo/customers/new");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Country").selectOption("PL");
  await page.getByLabel("Tags").fill("VIP; Newsletter");
  await page.getByLabel("Preferred device").selectOption({ label: "Mobile" });
  await page.getByRole("checkbox", { name: "Travel" }).check();
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/w\/demo\/customers\/[0-9a-f-]{36}\?created=1$/);
  return new URL(page.url()).pathname;
}

test("an editor creates a customer, fixes a validation error while editing and downloads the data; an admin erases it", async ({ browser }) => {
  test.slow(); // many round trips on one page; give a loaded machine room
  const page = await sessions.signedIn(browser, "editor", "/w/demo", { acceptDownloads: true });
  const stamp = Date.now().toString(36);
  const email = `ada-${stamp}@example.com`;

  // Create: a bad email is refused at the field and nothing is created.
  await page.goto("/w/demo/customers/new");
  await page.getByLabel("Email", { exact: true }).fill("ada-at-example");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText('"ada-at-example" is not a valid email address.')).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);

  const profile = await createCustomer(page, email, "Ada", `Lovelace ${stamp}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Ada Lovelace ${stamp}`);
  await expect(page.getByText("Customer created.")).toBeVisible();
  await expect(page.getByText("Poland (PL)", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Mobile", { exact: true })).toBeVisible();
  await expect(page.getByText("vip", { exact: true })).toBeVisible();
  // Stored segment membership and its history (empty until the membership engine has run for this new customer).
  await expect(page.getByText("Segment history", { exact: true })).toBeVisible();
  await expect(page.getByTestId("segments-now")).toContainText("Current memberships");
  await expect(page.getByTestId("segment-history")).toContainText("Entries and exits");
  await expectNoSeriousA11yViolations(page);

  // Edit with errors at the fields, then fix them.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.waitForURL(`**${profile}/edit`);
  await page.getByLabel("Loyalty points").fill("12,5");
  await page.getByLabel("Company size").fill("-3");
  await page.getByLabel("Language", { exact: true }).fill("Polsh"); // a misspelt name is refused naming a tag, never stored as typed
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/Unknown language "Polsh": use a language name or a BCP 47 tag/)).toBeVisible();
  // "12,5" is no number in English (the browser's language): the message explains the format, proposing no other value.
  await expect(page.getByText('"12,5" is not a number in English format (1,234.56): there "," separates thousands and "." marks decimals.')).toBeVisible();
  await expect(page.getByText("Company size cannot be negative.")).toBeVisible();
  await expect(page.getByLabel("Loyalty points")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Language", { exact: true })).toBeFocused(); // the first invalid field in the form (Profile comes before Company)
  await page.getByLabel("Loyalty points").fill("12.5");
  await page.getByLabel("Company size").fill("40");
  await page.getByLabel("City").fill("Kraków");
  await page.getByLabel("Language", { exact: true }).fill("Polish"); // the name is stored as its tag
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(`**${profile}?saved=1`);
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("Kraków")).toBeVisible();
  await expect(page.getByText("12.5", { exact: true })).toBeVisible();

  // Download data (right of access).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download data" }).click()]);
  const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(data.customer).toMatchObject({ email, firstName: "Ada", city: "Kraków", country: "PL", language: "pl", attributes: { loyalty_points: 12.5, preferred_device: "mobile" } });
  expect(Array.isArray(data.orders) && Array.isArray(data.events)).toBe(true);

  // Delete (right to erasure) is an admin's permission: the editor has no button.
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  const admin = await sessions.signedIn(browser, "admin", profile);
  await admin.getByRole("button", { name: "Delete" }).click();
  const dialog = admin.getByRole("alertdialog");
  await expect(dialog).toContainText(`Delete Ada Lovelace ${stamp}?`);
  await dialog.getByRole("button", { name: "Delete customer" }).click();
  await admin.waitForURL((url) => url.pathname === "/w/demo/customers");
  const gone = await admin.goto(profile);
  expect(gone?.status()).toBe(404);
});

test("a viewer sees the profile but no edit controls, and the server refuses them", async ({ browser }) => {
  const editor = await sessions.signedIn(browser, "editor", "/w/demo", { acceptDownloads: true });
  const profile = await createCustomer(editor, `viewer-check-${Date.now().toString(36)}@example.com`, "Grace", "Hopper");

  const viewer = await sessions.signedIn(browser, "viewer", "/w/demo", { acceptDownloads: true });
  await viewer.goto(profile);
  await expect(viewer.getByRole("heading", { level: 1 })).toContainText("Grace Hopper");
  await expect(viewer.getByRole("heading", { name: "Orders" })).toBeVisible();
  await expect(viewer.getByRole("heading", { name: "Events" })).toBeVisible();
  const controls = viewer.getByRole("button", { name: /^(edit|delete|save|create)\b/i }).or(viewer.getByRole("link", { name: /^(edit|delete|download data)\b/i }));
  await expect(controls).toHaveCount(0);
  await viewer.goto(`${profile}/edit`);
  await expect(viewer).toHaveURL(/\/w\/demo\/forbidden\?permission=customers\.write$/);
  await viewer.goto("/w/demo/customers/new");
  await expect(viewer).toHaveURL(/\/w\/demo\/forbidden\?permission=customers\.write$/);
  expect((await viewer.request.get(`${profile}/data`)).status()).toBe(403);

  // Another workspace's (or no) customer id is a 404.
  const missing = await viewer.goto("/w/demo/customers/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);

  // Leave the demo workspace as it was for the specs that follow (erasing is an admin's).
  const admin = await sessions.signedIn(browser, "admin", profile);
  await admin.getByRole("button", { name: "Delete" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Delete customer" }).click();
  await admin.waitForURL((url) => url.pathname === "/w/demo/customers");
});
