import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";
import { waitForHydration } from "./test";

export type DemoRole = "admin" | "editor" | "viewer";

/** The demo workspace's user for a role. */
export function demoUser(role: DemoRole) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`No demo ${role}`);
  return user;
}

/** Signs in through the form as the demo user of a role and waits for the landing page. */
export async function signInAs(page: Page, role: DemoRole, path = "/w/demo"): Promise<void> {
  await submitSignIn(page, role, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, "\\$&")}$`), { timeout: 45_000 });
}

/** Fills and submits the sign-in form as the demo user of a role, to land on path afterwards. */
async function submitSignIn(page: Page, role: DemoRole, path: string): Promise<void> {
  const user = demoUser(role);
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signed-in pages in browser contexts of their own (several roles side by side in one test);
 * call closeAll after each test.
 */
export function browserSessions() {
  const contexts: BrowserContext[] = [];
  return {
    /** A page signed in as role in a new context, once it has reached path (or, with `arrived`, whatever page that predicate accepts). */
    async signedIn(
      browser: Browser,
      role: DemoRole,
      path: string,
      options: { acceptDownloads?: boolean; timeout?: number; arrived?: (url: URL) => boolean } = {},
    ): Promise<Page> {
      const context = await browser.newContext(options.acceptDownloads ? { acceptDownloads: true } : {});
      contexts.push(context);
      context.on("page", waitForHydration);
      const page = await context.newPage();
      await submitSignIn(page, role, path);
      await page.waitForURL(options.arrived ?? ((url) => url.pathname === path), options.timeout ? { timeout: options.timeout } : {});
      return page;
    },
    async closeAll(): Promise<void> {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    },
  };
}
