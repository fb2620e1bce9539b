import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser } from "./support/test";
import { browserSessions, type DemoRole } from "./support/session";

// The server runs with SEGMENTA_JOBS_SELFTEST=1 (playwright.config.ts): at start it enqueues a
// "Self-test job" that fails on its first run (one attempt: dead at once) and succeeds when retried.
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());
const signedInPage = (browser: Browser, role: DemoRole, path: string) => sessions.signedIn(browser, role, path, { arrived: (url) => url.pathname !== "/login" });

test("an admin sees the jobs, a failed job's error, and Retry runs it again", async ({ browser }) => {
  const page = await signedInPage(browser, "admin", "/w/demo/jobs");
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Jobs" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();

  const failed = page.getByRole("region", { name: /^Failed/ });
  const selftest = failed.getByRole("listitem").filter({ hasText: "Self-test job" });
  await expect(async () => {
    await page.reload();
    await expect(selftest).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(selftest).toContainText("Error: Self-test failure: this job fails on its first run and succeeds when retried.");
  await expect(selftest).toContainText("attempt 1 of 1");
  // The daily jobs of the day ran at start.
  const done = page.getByRole("region", { name: /^Done recently/ });
  await expect(done.getByRole("listitem").filter({ hasText: "Daily segment snapshots" })).toBeVisible();

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  // At phone width the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  await selftest.getByRole("button", { name: "Retry Self-test job" }).click();
  await expect(failed.getByRole("listitem").filter({ hasText: "Self-test job" })).toHaveCount(0);
  await expect(async () => {
    await page.reload();
    await expect(done.getByRole("listitem").filter({ hasText: "Self-test job" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(failed).toContainText("No failed jobs.");

  await page.goto("/w/demo/audit");
  await expect(page.getByRole("row").filter({ hasText: "Failed job retried" }).first()).toContainText("jobs.selftest");
});

test("editors and viewers get the forbidden page and no Jobs link", async ({ browser }) => {
  for (const role of ["editor", "viewer"] as const) {
    const page = await signedInPage(browser, role, "/w/demo");
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Jobs" })).toHaveCount(0);
    await page.goto("/w/demo/jobs");
    await expect(page).toHaveURL(/\/w\/demo\/forbidden\?permission=jobs\.manage$/);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByText(/can't manage background jobs/)).toBeVisible();
  }
});
