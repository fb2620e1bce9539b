import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "./support/test";
import { DEMO_USERS } from "../lib/seed/demo-users";

// Sign-in hashes passwords and the first request opens the database: be patient on slow CI machines.
const expect = baseExpect.configure({ timeout: 30_000 });

const demo = (role: "admin" | "editor" | "viewer") => {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`No demo ${role}`);
  return user;
};

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function expectNoSeriousA11yViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("a signed-out visit is sent to sign-in and back to the page after it", async ({ page }) => {
  await page.goto("/w/demo/members");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fw%2Fdemo%2Fmembers$/);
  await expect(page.getByRole("heading", { name: "Sign in to Segmenta" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await fillSignIn(page, demo("admin").email, demo("admin").password);
  await expect(page).toHaveURL(/\/w\/demo\/members$/);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/login?callbackUrl=/w/demo");
  await fillSignIn(page, demo("viewer").email, "not-the-password");
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/w/demo");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fw%2Fdemo$/);
});

test("an external callbackUrl is ignored", async ({ page }) => {
  await page.goto("/login?callbackUrl=https://evil.example/steal");
  await fillSignIn(page, demo("viewer").email, demo("viewer").password);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\//);
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL ?? "http://localhost:3100").host);
});

test("repeated failures lock the email from that address with a clear message, even for the right password", async ({ browser }) => {
  // Behind the trusted proxy (playwright.config sets SEGMENTA_TRUST_PROXY=1) this context is client 203.0.113.51:
  // the failures below never count against the address every other spec signs in from.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.51" } });
  const page = await context.newPage();
  const email = `locked-${Date.now()}@example.com`;
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await fillSignIn(page, email, `wrong-${i}`);
    await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  }
  await fillSignIn(page, email, "wrong-again");
  await expect(page.getByText("Too many failed sign-in attempts for this email. Try again in 15 minutes.")).toBeVisible();
  await context.close();
});

test("sign-up creates a workspace with you as admin and signs you in", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await page.goto("/signup");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Your name").fill("Erin Example");
  await page.getByLabel("Work email").fill(`erin-${stamp}@example.com`);
  await page.getByLabel("Password").fill("a-strong-password");
  await page.getByLabel("Workspace name").fill(`Erin Team ${stamp}`);
  await expect(page.getByLabel("Workspace address")).toHaveValue(`erin-team-${stamp}`);
  await expect(page.getByLabel("Time zone")).not.toHaveValue("");
  await page.getByRole("button", { name: "Create account and workspace" }).click();

  // Sign-up hashes the password, creates the workspace and signs in: slow on a loaded machine.
  await expect(page).toHaveURL(new RegExp(`/w/erin-team-${stamp}$`), { timeout: 45_000 });
  await expect(page.getByRole("button", { name: new RegExp(`Workspace: Erin Team ${stamp}`) })).toBeVisible();
  await page.getByRole("link", { name: "Members" }).click();
  const row = page.getByRole("row", { name: /Erin Example/ });
  await expect(row).toContainText("You");
  await expect(row.getByRole("combobox", { name: "Role of Erin Example" })).toHaveValue("admin");
});

test("sign-up answers a registered email with another password generically, naming no field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Someone");
  await page.getByLabel("Work email").fill(demo("editor").email);
  await page.getByLabel("Password").fill("a-strong-password");
  await page.getByLabel("Workspace name").fill(`Dup ${Date.now()}`);
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await expect(
    page.getByText("Could not create an account with this email and password. If you already have a Segmenta account, enter its password to add this workspace to it, or sign in."),
  ).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  await expect(page).toHaveURL(/\/signup$/);
});

test("sign out ends the session", async ({ page }) => {
  await page.goto("/login?callbackUrl=/w/demo");
  await fillSignIn(page, demo("viewer").email, demo("viewer").password);
  await expect(page).toHaveURL(/\/w\/demo$/);
  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  await page.goto("/w/demo");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fw%2Fdemo$/);
});
