/**
 * What every spec imports instead of "@playwright/test": Playwright's API, with `test` and `expect`
 * extended by the checks that hold for every page of the product.
 */
import { test as base, type Page } from "@playwright/test";
import { CspCollector } from "./csp";

export * from "@playwright/test";

// Typing into a server-rendered input before React hydrates it is lost (React resets it and its
// handlers never run): goto and reload wait until the page is interactive.
const HYDRATED = "html[data-hydrated]";

async function untilHydrated(page: Page): Promise<void> {
  // Error pages of the browser (a download, about:blank) never hydrate: only wait on the app's pages.
  if (!page.url().startsWith("http")) return;
  await page.locator(HYDRATED).waitFor({ state: "attached", timeout: 45_000 });
}

/** Makes a page's goto and reload wait for hydration after loading one of the app's HTML pages. */
export function waitForHydration(page: Page): void {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args: Parameters<Page["goto"]>) => {
    const response = await goto(...args);
    if (response?.headers()["content-type"]?.includes("text/html")) await untilHydrated(page);
    return response;
  };
  page.reload = async (...args: Parameters<Page["reload"]>) => {
    const response = await reload(...args);
    if (response?.headers()["content-type"]?.includes("text/html")) await untilHydrated(page);
    return response;
  };
}

export const test = base.extend<{ cspViolations: CspCollector }>({
  context: async ({ context }, provide) => {
    for (const page of context.pages()) waitForHydration(page);
    context.on("page", waitForHydration);
    await provide(context);
  },
  /**
   * Every test fails when a page broke the Content-Security-Policy: the default context and any
   * context the test opens with browser.newContext() (signed-in sessions) are watched.
   */
  cspViolations: [
    async ({ browser, context }, run) => {
      const collector = new CspCollector();
      await collector.attach(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        await collector.attach(created);
        return created;
      };
      try {
        await run(collector);
      } finally {
        browser.newContext = newContext;
      }
      collector.assertNone();
    },
    { auto: true },
  ],
});
