import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type Page } from "./support/test";
import { browserSessions } from "./support/session";

// The admin and each invitee use browser contexts of their own (own cookies).
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

// Accepting hashes a password and signs in: be patient on slow CI machines.
const expect = baseExpect.configure({ timeout: 30_000 });

const PASSWORD = "invitee-password-1";

async function adminOnMembers(browser: Browser): Promise<Page> {
  return sessions.signedIn(browser, "admin", "/w/demo/members");
}

/** Invites an address from the members page and returns the link shown once. */
async function invite(admin: Page, email: string, role: "Admin" | "Editor" | "Viewer"): Promise<string> {
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = admin.getByRole("dialog", { name: "Invite someone" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption({ label: role });
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(admin.getByText(`Invitation for ${email} created`)).toBeVisible();
  const link = await admin.getByLabel(`Invitation link for ${email}`).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  afterTest.push(() => context.close());
  return page;
}
const afterTest: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  await Promise.all(afterTest.splice(0).map((close) => close()));
});

test("an admin invites a new address; the invitee creates an account from the link and lands in the workspace with the role", async ({ browser }) => {
  test.slow(); // two people sign in and one account is created: several password hashes
  const admin = await adminOnMembers(browser);
  await admin.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const stamp = Date.now().toString(36);
  const email = `invitee-${stamp}@example.com`;
  const link = await invite(admin, email, "Editor");
  await expect(admin.getByText("E-mail is not set up on this server: copy the link and send it yourself.")).toBeVisible();
  await admin.getByRole("button", { name: "Copy link" }).click();
  await expect(admin.getByText("The link is on your clipboard.")).toBeVisible();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const pendingRow = admin.getByRole("region", { name: "Pending invitations" }).getByRole("row", { name: new RegExp(email) });
  await expect(pendingRow).toContainText("Editor");
  await expect(pendingRow).toContainText(/Pending\s*expires in 7 days/);
  // Nobody joined yet.
  await expect(admin.getByRole("table", { name: "Members of Demo Store" }).getByText(email)).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page: admin }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  const invitee = await freshPage(browser);
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Demo Store" })).toBeVisible();
  await expect(invitee.getByText(/invited .* to join Demo Store as an Editor/)).toBeVisible();
  await expect(invitee.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await invitee.getByLabel("Your name").fill(`Ivy ${stamp}`);
  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await invitee.waitForURL((url) => url.pathname === "/w/demo", { timeout: 45_000 });
  await expect(invitee.getByRole("button", { name: /^Workspace: Demo Store/ })).toContainText("Editor");

  // The link worked once.
  await invitee.goto(link);
  await expect(invitee.getByText("This invitation has already been used.")).toBeVisible();

  await admin.reload();
  const memberRow = admin.getByRole("row", { name: new RegExp(`Ivy ${stamp}`) });
  await expect(memberRow.getByRole("combobox", { name: `Role of Ivy ${stamp}` })).toHaveValue("editor");
  await expect(admin.getByRole("region", { name: "Pending invitations" }).getByText(email)).toHaveCount(0);
});

test("an existing account signs in from the link, then joins; someone else signed in is told the link is for another address", async ({ browser }) => {
  test.slow(); // two people sign in and one account is created: several password hashes
  const stamp = Date.now().toString(36);
  const email = `existing-${stamp}@example.com`;
  // An account of its own, made through sign-up (in a context that is then thrown away).
  const signup = await freshPage(browser);
  await signup.goto("/signup");
  await signup.getByLabel("Your name").fill(`Olek ${stamp}`);
  await signup.getByLabel("Work email").fill(email);
  await signup.getByLabel("Password").fill(PASSWORD);
  await signup.getByLabel("Workspace name").fill(`Olek ${stamp}`);
  await signup.getByRole("button", { name: "Create account and workspace" }).click();
  await signup.waitForURL((url) => url.pathname === `/w/olek-${stamp}`, { timeout: 45_000 });

  const admin = await adminOnMembers(browser);
  const link = await invite(admin, email, "Viewer");

  // The admin (another address) opening the link is not let in.
  await admin.goto(link);
  await expect(admin.getByText("This invitation is for another address")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(admin.getByRole("button", { name: /^Join/ })).toHaveCount(0);

  const invitee = await freshPage(browser);
  await invitee.goto(link);
  await invitee.getByRole("link", { name: "Sign in to accept" }).click();
  await invitee.waitForURL((url) => url.pathname === "/login");
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await invitee.waitForURL((url) => url.pathname === new URL(link).pathname, { timeout: 45_000 });
  await invitee.getByRole("button", { name: "Join Demo Store" }).click();
  await invitee.waitForURL((url) => url.pathname === "/w/demo");
  await expect(invitee.getByRole("button", { name: /^Workspace: Demo Store/ })).toContainText("Viewer");
});

test("a revoked invitation's link says so and lets nobody in", async ({ browser }) => {
  const admin = await adminOnMembers(browser);
  const email = `revoked-${Date.now().toString(36)}@example.com`;
  const link = await invite(admin, email, "Admin");
  await admin.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await admin.getByRole("alertdialog", { name: `Revoke the invitation for ${email}?` }).getByRole("button", { name: "Revoke invitation" }).click();
  await expect(admin.getByText(`Revoked the invitation for ${email}: its link no longer works.`)).toBeVisible();
  await expect(admin.getByRole("region", { name: "Pending invitations" }).getByText(email)).toHaveCount(0);

  const visitor = await freshPage(browser);
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();
  await expect(visitor.getByText("This invitation was withdrawn. Ask an admin of Demo Store if you still need access.")).toBeVisible();
  await expect(visitor.getByRole("button", { name: /Create account/ })).toHaveCount(0);
});

test("a new link for a pending invitation replaces the old one", async ({ browser }) => {
  const admin = await adminOnMembers(browser);
  await admin.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const email = `renewed-${Date.now().toString(36)}@example.com`;
  const first = await invite(admin, email, "Viewer");
  await admin.getByRole("button", { name: `Copy a new link for ${email}` }).click();
  await expect(admin.getByText(`New invitation link for ${email}`)).toBeVisible();
  const second = await admin.getByLabel(`Invitation link for ${email}`).inputValue();
  expect(second).not.toBe(first);
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(second);

  const visitor = await freshPage(browser);
  await visitor.goto(first);
  await expect(visitor.getByText(/This invitation link is not valid/)).toBeVisible();
  await visitor.goto(second);
  await expect(visitor.getByRole("heading", { name: "Join Demo Store" })).toBeVisible();
});
