import { chromium } from "playwright";
const base = "http://localhost:3300";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${base}/login`);
await page.waitForSelector("html[data-hydrated]");
await page.getByLabel("Email").fill("admin@demo.segmenta.dev");
await page.getByLabel("Password").fill("demo-admin-2026");
await page.getByRole("button", { name: /sign in/i }).click();
await page.waitForURL((u) => u.pathname.startsWith("/w/"));
for (const [path, name] of [["/w/demo/members", "members"], ["/w/demo/audit", "audit"], ["/w/demo/api-keys", "keys"]]) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(base + path);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/${name}-${width}.png`, fullPage: true });
    console.log(name, width, await page.evaluate(() => document.documentElement.scrollWidth));
  }
}
await browser.close();
