import { expect, test, type Browser } from "./support/test";
import { browserSessions, type DemoRole } from "./support/session";

// Each role signs in in its own browser context (own cookies).
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());
const signedInPage = (browser: Browser, role: DemoRole, path: string) => sessions.signedIn(browser, role, path, { arrived: (url) => url.pathname !== "/login" });

test("an admin creates a key, copies it, uses it, revokes it, and the API then refuses it", async ({ browser, request }) => {
  const page = await signedInPage(browser, "admin", "/w/demo/api-keys");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  const name = `E2E sync ${Date.now().toString(36)}`;
  await page.getByRole("button", { name: /^Create (your first )?API key$/ }).click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Give the key a name")).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: /^Read and write/ }).check();
  await dialog.getByLabel("Name").press("Enter");
  await expect(dialog).toHaveCount(0);

  const panel = page.getByRole("status", { name: "New API key" });
  await expect(panel.getByText("Copy it now: you won't see it again. Anyone with this key can read and change this workspace's data through the API.")).toBeVisible();
  await panel.getByRole("button", { name: "Copy" }).click();
  await expect(panel.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^sgm_[A-Za-z0-9_-]{43}$/);
  await expect(panel.getByLabel(`API key ${name}`)).toHaveValue(key);
  await expect(panel.locator("pre")).toContainText(`curl -H "Authorization: Bearer ${key}" "http://localhost:`);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("Read and write");
  await expect(row).toContainText("never");
  await expect(row).toContainText("Active");

  const auth = { Authorization: `Bearer ${key}` };
  const used = await request.get("/api/v1/fields", { headers: auth });
  expect(used.status()).toBe(200);
  expect(Array.isArray((await used.json()).data)).toBe(true);

  await page.reload();
  await expect(page.getByRole("status", { name: "New API key" })).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row).toContainText("just now");

  // At phone width the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(confirm).toContainText("stop working at once");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(`Revoked “${name}”. Requests made with it are refused from now on.`)).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await request.get("/api/v1/fields", { headers: auth });
  expect(refused.status()).toBe(401);
});

test("editors and viewers cannot open the API keys page and have no link to it", async ({ browser }) => {
  for (const role of ["editor", "viewer"] as const) {
    const page = await signedInPage(browser, role, "/w/demo");
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
    await page.goto("/w/demo/api-keys");
    await page.waitForURL((url) => url.pathname === "/w/demo/forbidden");
    expect(new URL(page.url()).searchParams.get("permission")).toBe("apikeys.manage");
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByText(/can't manage API keys/)).toBeVisible();
    await expect(page.getByRole("button", { name: /Create/ })).toHaveCount(0);
  }
});
