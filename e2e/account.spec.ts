import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect as baseExpect, test } from "./support/test";

// Argon2 hashing and first loads are slow on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * Each browser here is a client of its own: playwright.config trusts one proxy hop
 * (SEGMENTA_TRUST_PROXY=1), so the X-Forwarded-For we send is the client address the limits see.
 * Failed sign-ins in this file thus never count against the address the other specs use.
 */
const contexts: BrowserContext[] = [];
async function client(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  contexts.push(context);
  return context.newPage();
}
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Signs up a fresh account (with its own workspace) and returns once it is signed in there. */
async function signUp(page: Page, name: string, email: string, password: string): Promise<string> {
  const workspace = `${name} ${stamp()}`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Workspace name").fill(workspace);
  const slug = await page.getByLabel("Workspace address").inputValue();
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await page.waitForURL((url) => url.pathname === `/w/${slug}`, { timeout: 45_000 });
  return slug;
}

async function signIn(page: Page, email: string, password: string, callbackPath = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("failed sign-ins lock the email on that address only: the right password still works from another", async ({ browser }) => {
  const email = `lock-${stamp()}@example.com`;
  const slug = await signUp(await client(browser, "203.0.113.61"), "Lola Lock", email, "lolas-password-1");

  const attacker = await client(browser, "198.51.100.62");
  for (let i = 0; i < 5; i++) {
    await signIn(attacker, email, `guess-${i}`);
    await expect(attacker.getByText("Incorrect email or password.")).toBeVisible();
  }
  // The sixth try is refused before the password is checked, even the right one.
  await signIn(attacker, email, "lolas-password-1");
  await expect(attacker.getByText("Too many failed sign-in attempts for this email. Try again in 15 minutes.")).toBeVisible();
  await expect(attacker).toHaveURL((url) => url.pathname === "/login");

  // Lola, from her own address, is not locked out.
  const lola = await client(browser, "203.0.113.63");
  await signIn(lola, email, "lolas-password-1", `/w/${slug}`);
  await lola.waitForURL((url) => url.pathname === `/w/${slug}`);
});

test("changing the password keeps this browser signed in and signs the other one out", async ({ browser }) => {
  const email = `chan-${stamp()}@example.com`;
  const here = await client(browser, "203.0.113.71");
  const slug = await signUp(here, "Chan Change", email, "chans-password-1");
  const elsewhere = await client(browser, "203.0.113.72");
  await signIn(elsewhere, email, "chans-password-1", `/w/${slug}`);
  await elsewhere.waitForURL((url) => url.pathname === `/w/${slug}`);

  // The account page is in the user menu.
  await here.getByRole("button", { name: /Account menu for Chan Change/ }).first().click();
  await here.getByRole("menuitem", { name: "Account and password" }).click();
  await here.waitForURL((url) => url.pathname === "/account");
  await expect(here.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(here.getByRole("main").getByText(email)).toBeVisible();

  const form = here.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("wrong-password");
  await form.getByLabel("New password", { exact: true }).fill("chans-password-2");
  await form.getByLabel("New password again").fill("chans-password-2");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("This is not your current password.")).toBeVisible();

  await form.getByLabel("Current password").fill("chans-password-1");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByText("Password changed. You stay signed in here; every other session has been signed out.")).toBeVisible();

  // This browser is still signed in…
  await here.goto(`/w/${slug}`);
  await expect(here).toHaveURL((url) => url.pathname === `/w/${slug}`);
  // …the other one is not.
  await elsewhere.goto(`/w/${slug}/customers`);
  await elsewhere.waitForURL((url) => url.pathname === "/login");

  await signIn(elsewhere, email, "chans-password-1", `/w/${slug}`);
  await expect(elsewhere.getByText("Incorrect email or password.")).toBeVisible();
  await signIn(elsewhere, email, "chans-password-2", `/w/${slug}`);
  await elsewhere.waitForURL((url) => url.pathname === `/w/${slug}`);
});

test("an admin's one-time reset link lets a member set a new password", async ({ browser }) => {
  const adminEmail = `rita-${stamp()}@example.com`;
  const memberEmail = `max-${stamp()}@example.com`;
  const admin = await client(browser, "203.0.113.81");
  const slug = await signUp(admin, "Rita Reset", adminEmail, "ritas-password-1");

  await admin.goto(`/w/${slug}/members`);
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  const invite = admin.getByRole("dialog", { name: "Invite someone" });
  await invite.getByLabel("Email").fill(memberEmail);
  await invite.getByLabel("Role").selectOption({ label: "Editor" });
  await invite.getByRole("button", { name: "Create invitation" }).click();
  const invitation = await admin.getByLabel(`Invitation link for ${memberEmail}`).inputValue();

  // The member accepts (and is then signed in there); the reset signs that session out.
  const member = await client(browser, "203.0.113.82");
  await member.goto(new URL(invitation).pathname);
  await member.getByLabel("Your name").fill("Max Member");
  await member.getByLabel("Password").fill("maxs-password-1");
  await member.getByRole("button", { name: "Create account and join" }).click();
  await member.waitForURL((url) => url.pathname === `/w/${slug}`, { timeout: 45_000 });
  await admin.reload();
  await expect(admin.getByRole("row", { name: /Max Member/ })).toBeVisible();

  await expect(admin.getByRole("button", { name: "Reset link for Rita Reset" })).toHaveCount(0);
  await admin.getByRole("button", { name: "Reset link for Max Member" }).click();
  const confirm = admin.getByRole("alertdialog", { name: "Create a password reset link for Max Member?" });
  await confirm.getByRole("button", { name: "Create link" }).click();
  const shown = admin.getByRole("dialog", { name: "Reset link for Max Member" });
  const link = await shown.getByRole("textbox", { name: "Reset link" }).inputValue();
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Done" }).click();

  const visitor = await client(browser, "203.0.113.83");
  await visitor.goto(new URL(link).pathname);
  await expect(visitor.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expect(visitor.getByText(`For ${memberEmail}.`)).toBeVisible();
  await visitor.getByLabel("New password", { exact: true }).fill("maxs-password-2");
  await visitor.getByLabel("New password again").fill("maxs-password-2");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByText("Password set")).toBeVisible();

  await member.goto(`/w/${slug}/customers`);
  await member.waitForURL((url) => url.pathname === "/login");
  await signIn(member, memberEmail, "maxs-password-2", `/w/${slug}`);
  await member.waitForURL((url) => url.pathname === `/w/${slug}`);

  // Once only.
  await visitor.goto(new URL(link).pathname);
  await expect(visitor.getByRole("heading", { name: "This link was already used" })).toBeVisible();
});

test("without e-mail set up, forgot-password says to ask an admin", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByText("E-mail is not set up on this server: ask an admin of your workspace for a reset link.")).toBeVisible();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL((url) => url.pathname === "/forgot-password");
  await expect(page.getByText("E-mail is not set up on this server: ask an admin of your workspace for a reset link.")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
});
