import { expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";

export type DemoRole = "admin" | "editor" | "viewer";

/** The demo workspace's user for a role. */
export function demoUser(role: DemoRole) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`No demo ${role}`);
  return user;
}

/** Signs in through the form as the demo user of a role and waits for the landing page. */
export async function signInAs(page: Page, role: DemoRole, path = "/w/demo"): Promise<void> {
  const user = demoUser(role);
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, "\\$&")}$`), { timeout: 45_000 });
}
