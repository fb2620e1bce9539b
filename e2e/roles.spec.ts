import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser } from "./support/test";
import { browserSessions, type DemoRole } from "./support/session";

// Each role gets its own browser context (own cookies), so one test can act as two people.
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());
const signedInPage = (browser: Browser, role: DemoRole, path = "/w/demo") =>
  sessions.signedIn(browser, role, path, { arrived: (url) => url.pathname !== "/login" });

// Sign-in hashes passwords and the first request opens the database: be patient on slow CI machines.
const expect = baseExpect.configure({ timeout: 30_000 });

const EDIT_CONTROLS = /^(add|new|create|edit|delete|remove|import|save|invite|duplicate)\b/i;

test("an editor cannot open the members page or its API", async ({ browser }) => {
  const page = await signedInPage(browser, "editor");
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" })).toHaveCount(0);
  await page.goto("/w/demo/members");
  await expect(page).toHaveURL(/\/w\/demo\/forbidden\?permission=members\.manage$/);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText(/Editor.*can't manage members/)).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  expect((await page.request.get("/api/w/demo/members")).status()).toBe(403);
});

test("a viewer sees no edit controls", async ({ browser }) => {
  const page = await signedInPage(browser, "viewer");
  await expect(page).toHaveURL(/\/w\/demo$/);
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" })).toHaveCount(0);
  const controls = page.getByRole("button", { name: EDIT_CONTROLS }).or(page.getByRole("link", { name: EDIT_CONTROLS }));
  await expect(controls).toHaveCount(0);
  await page.goto("/w/demo/members");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite" })).toHaveCount(0);
});

test("a viewer replaying the admin's invite request is refused and nothing changes", async ({ browser }) => {
  // Record the exact server-action request the admin's members page sends when inviting someone.
  const admin = await signedInPage(browser, "admin", "/w/demo/members");
  const stamp = Date.now().toString(36);
  const template = `template-${stamp}@example.com`;
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = admin.getByRole("dialog", { name: "Invite someone" });
  await dialog.getByLabel("Email").fill(template);
  const [request] = await Promise.all([
    admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    dialog.getByRole("button", { name: "Create invitation" }).click(),
  ]);
  await expect(admin.getByText(`Invitation for ${template} created`)).toBeVisible();
  const body = request.postData() ?? "";
  expect(body).toContain(template);
  const headers = Object.fromEntries(Object.entries(request.headers()).filter(([k]) => !["cookie", "content-length", "host"].includes(k)));

  // The viewer sends the same request for someone else, asking for the admin role.
  const intruder = `intruder-${stamp}@example.com`;
  const viewer = await signedInPage(browser, "viewer");
  const forged = body.replace(template, intruder).replace('"role":"viewer"', '"role":"admin"');
  expect(forged).toContain('"role":"admin"');
  const replay = await viewer.request.post(request.url(), { headers, data: forged });
  expect(await replay.text()).toContain("You don't have permission to manage members in this workspace.");

  const api = await viewer.request.post("/api/w/demo/members", { data: { email: intruder, role: "admin" } });
  expect(api.status()).toBe(403);

  await admin.reload();
  const pending = admin.getByRole("region", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: new RegExp(template) })).toBeVisible();
  await expect(admin.getByText(intruder)).toHaveCount(0);
});

test("an admin invites a member who accepts, changes the role and removes them; the last admin is protected", async ({ browser }) => {
  test.slow(); // the invitee's account is created (a password hash) and signed in, on top of the admin's steps
  const page = await signedInPage(browser, "admin", "/w/demo/members");
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  const ownRole = page.getByRole("combobox", { name: /^Role of Ada Admin/ });
  await expect(ownRole).toBeDisabled();
  await expect(page.getByText("Only admin: make someone else an admin first.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Ada Admin" })).toBeDisabled();

  const stamp = Date.now().toString(36);
  const email = `member-${stamp}@example.com`;
  const name = `Morgan ${stamp}`;
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite someone" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByText(`Invitation for ${email} created`)).toBeVisible();
  const link = await page.getByLabel(`Invitation link for ${email}`).inputValue();

  // They join only by accepting, here with a new account in a browser of their own.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel("Password").fill("first-password-1");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await invitee.waitForURL((url) => url.pathname === "/w/demo", { timeout: 45_000 });
  await inviteeContext.close();
  await page.reload();

  const row = page.getByRole("row", { name: new RegExp(name) });
  await row.getByRole("combobox", { name: `Role of ${name}` }).selectOption("editor");
  await expect(page.getByText(`${email} is now an Editor.`)).toBeVisible();
  await expect(row.getByRole("combobox", { name: `Role of ${name}` })).toHaveValue("editor");

  await row.getByRole("button", { name: `Remove ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove ${name}?` });
  await confirm.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByText(`Removed ${email} from this workspace.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
});

test("erasing a customer is an admin's: an editor has no Delete button and a replayed erase is refused", async ({ browser }) => {
  const editor = await signedInPage(browser, "editor");
  const stamp = Date.now().toString(36);
  const profiles: string[] = [];
  for (const who of ["keep", "erase"]) {
    await editor.goto("/w/demo/customers/new");
    await editor.getByLabel("Email", { exact: true }).fill(`${who}-${stamp}@example.com`);
    await editor.getByRole("button", { name: "Create customer" }).click();
    await editor.waitForURL(/\/w\/demo\/customers\/[0-9a-f-]{36}\?created=1$/);
    profiles.push(new URL(editor.url()).pathname);
  }
  const [kept, erased] = profiles;
  await expect(editor.getByRole("link", { name: "Edit" })).toBeVisible();
  await expect(editor.getByRole("button", { name: "Delete" })).toHaveCount(0);

  // The admin erases one, and the request their page sent is recorded.
  const admin = await signedInPage(browser, "admin", erased);
  await admin.getByRole("button", { name: "Delete" }).click();
  const [request] = await Promise.all([
    admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    admin.getByRole("alertdialog").getByRole("button", { name: "Delete customer" }).click(),
  ]);
  await admin.waitForURL((url) => url.pathname === "/w/demo/customers");
  expect((await admin.goto(erased))?.status()).toBe(404);

  // The editor replays it for the other customer: refused, and the customer is still there.
  const keptId = kept.split("/").pop()!;
  const body = (request.postData() ?? "").replace(erased.split("/").pop()!, keptId);
  expect(body).toContain(keptId);
  const headers = Object.fromEntries(Object.entries(request.headers()).filter(([k]) => !["cookie", "content-length", "host"].includes(k)));
  const replay = await editor.request.post(new URL(kept, request.url()).href, { headers, data: body });
  expect(await replay.text()).toContain("You don't have permission to erase customers in this workspace.");
  expect((await editor.goto(kept))?.status()).toBe(200);

  // Leave the demo workspace as it was.
  await admin.goto(kept);
  await admin.getByRole("button", { name: "Delete" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Delete customer" }).click();
  await admin.waitForURL((url) => url.pathname === "/w/demo/customers");
});
