import { expect, test, type Browser } from "./support/test";
import { browserSessions, type DemoRole } from "./support/session";
import { startSpecReceiver } from "./support/receiver";

// The e2e server runs with SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1 (playwright.config.ts), so the receiver can listen on loopback.
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());
const signedInPage = (browser: Browser, role: DemoRole, path: string) => sessions.signedIn(browser, role, path, { arrived: (url) => url.pathname !== "/login" });

test("an admin adds an endpoint, sends a test event and sees it delivered in the log", async ({ browser }) => {
  const receiver = await startSpecReceiver();
  try {
    const page = await signedInPage(browser, "admin", "/w/demo/webhooks");
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("URL").fill("http://169.254.169.254/latest");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText(/cloud metadata/)).toBeVisible();
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByLabel(/^Description/).fill("E2E receiver");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog).toHaveCount(0);

    const panel = page.getByRole("status", { name: "Signing secret" });
    await expect(panel.getByText("Copy it now: you won't see it again.", { exact: false })).toBeVisible();
    const secret = await panel.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    receiver.secret.value = secret;

    // At phone width the page never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { name: receiver.url, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Send test event" }).click();
    const result = page.getByRole("status", { name: "Result" });
    await expect(result).toContainText("Delivered (200)");
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0].verified).toBe(true);
    expect(JSON.parse(receiver.messages[0].body).type).toBe("webhook.test");

    const row = page.locator(`tr[data-message-id="${receiver.messages[0].id}"]`);
    await expect(row).toContainText("webhook.test");
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("HTTP 200");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(row).toContainText("received");

    // Redelivery sends the same webhook-id again.
    await row.getByRole("button", { name: `Redeliver ${receiver.messages[0].id}` }).click();
    await expect.poll(() => receiver.messages.length).toBe(2);
    expect(receiver.messages[1].id).toBe(receiver.messages[0].id);

    await page.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByText("Why it is disabled: Disabled by an admin.")).toBeVisible();
    await page.getByRole("button", { name: "Enable" }).click();
    await expect(page.getByText("Why it is disabled")).toHaveCount(0);

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog", { name: "Delete this endpoint?" }).getByRole("button", { name: "Delete endpoint" }).click();
    await page.waitForURL((url) => url.pathname === "/w/demo/webhooks");
    await expect(page.getByRole("link", { name: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test("editors cannot open the webhooks page and have no link to it", async ({ browser }) => {
  const page = await signedInPage(browser, "editor", "/w/demo");
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/w/demo/webhooks");
  await page.waitForURL((url) => url.pathname === "/w/demo/forbidden");
  expect(new URL(page.url()).searchParams.get("permission")).toBe("webhooks.manage");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText(/can't manage webhooks/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
});
