import { expect, test, type Locator, type Page } from "./support/test";
import { browserSessions } from "./support/session";

const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());

const row = (page: Page, path: string) => page.getByRole("listitem", { name: `Condition ${path}`, exact: true });

async function pickField(r: Locator, search: string, label: string): Promise<void> {
  await r.getByRole("button", { name: "Search fields" }).click();
  await r.getByRole("textbox", { name: "Search fields" }).fill(search);
  await r.getByLabel("Field", { exact: true }).selectOption({ label });
}

/** The builder's live count once it has settled, as a number. */
async function settledCount(page: Page): Promise<number> {
  const panel = page.getByRole("region", { name: "Live count" });
  await page.waitForTimeout(600); // past the builder's debounce
  await expect(panel.getByTestId("live-members")).toBeVisible();
  await expect(panel.getByText("Counting…")).toHaveCount(0);
  return Number((await panel.getByTestId("live-members").innerText()).replace(/,/g, ""));
}

/** The count the customer table shows when filtered by a saved segment ("751 customers in “…”"). */
async function tableMembers(page: Page): Promise<number> {
  const line = await page.getByText(/^[\d,]+ customers? in /).first().innerText();
  return Number(line.replace(/ customers?[\s\S]*$/, "").replace(/,/g, ""));
}

test("never asked is its own consent state: counted by the builder and the table, set on a profile with who and when", async ({ browser }) => {
  test.setTimeout(600_000); // many live counts on a busy machine
  const page = await sessions.signedIn(browser, "editor", "/w/demo/customers", { timeout: 45_000 });
  const name = `E2E never asked ${Date.now().toString(36)}`;
  const summary = await page.getByText(/^[\d,]+ customers · sorted by/).first().innerText();
  const total = Number(summary.replace(/ customers[\s\S]*$/, "").replace(/,/g, ""));
  expect(total).toBeGreaterThan(0);
  await page.goto("/w/demo/segments/new");

  // The builder names the three states; "was never asked" is consent's empty value.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await pickField(row(page, "1.1"), "opt", "Email opt-in · Yes / no");
  const operator = row(page, "1.1").getByLabel("Email opt-in operator");
  await expect(operator.getByRole("option")).toHaveText(["is yes (opted in)", "is no (declined)", "was never asked", "was answered (yes or no)"]);
  const optedIn = await settledCount(page);
  await operator.selectOption({ label: "was never asked" });
  const neverAsked = await settledCount(page);
  await expect(page.getByTestId("segment-summary")).toContainText("Customers who were never asked about email");
  await operator.selectOption({ label: "is no (declined)" });
  const declined = await settledCount(page);
  await operator.selectOption({ label: "was never asked" });
  expect(await settledCount(page)).toBe(neverAsked);
  // The demo has about 15 % never asked; yes, no and never asked add up to every customer.
  expect(neverAsked).toBeGreaterThan(0);
  expect(declined).toBeGreaterThan(0);
  expect(optedIn + declined + neverAsked).toBe(total);
  expect(neverAsked / total).toBeGreaterThan(0.1);
  expect(neverAsked / total).toBeLessThan(0.2);

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL((url) => /\/w\/demo\/segments\/[0-9a-f-]{36}$/.test(url.pathname) && url.searchParams.get("saved") === "1");
  const segmentId = new URL(page.url()).pathname.split("/").pop()!;

  // The table filtered by the segment shows the same number, and the consent column says "Never asked".
  const members = `/w/demo/customers?segment=${segmentId}&cols=email,emailOptIn`;
  await page.goto(members);
  expect(await tableMembers(page)).toBe(neverAsked);
  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: "Never asked", exact: true }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: "Yes", exact: true })).toHaveCount(0);
  await expect(table.getByRole("cell", { name: "No", exact: true })).toHaveCount(0);

  // An editor records consent on a profile: never asked → yes, shown with when and by whom.
  await table.getByRole("link").first().click();
  await page.waitForURL((url) => /\/w\/demo\/customers\/[0-9a-f-]{36}$/.test(url.pathname));
  const profile = new URL(page.url()).pathname;
  const consent = page.getByTestId("consent");
  await expect(consent).toContainText("Never asked");
  await page.getByRole("link", { name: "Edit" }).click();
  await page.waitForURL((url) => url.pathname === `${profile}/edit`);
  const choices = page.getByRole("group", { name: "Email opt-in" });
  await expect(choices.getByRole("radio", { name: "Never asked" })).toBeChecked();
  await choices.getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL((url) => url.pathname === profile && url.searchParams.get("saved") === "1");
  await expect(consent).toContainText("Yes");
  await expect(consent).toContainText(/since \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} · by Eli Editor \(form\)/);

  // One fewer never asked, in the table (stored membership: applied within seconds) and in the builder (live).
  await expect(async () => {
    await page.goto(members);
    expect(await tableMembers(page)).toBe(neverAsked - 1);
  }).toPass({ timeout: 30_000 });
  await page.goto(`/w/demo/segments/${segmentId}`);
  expect(await settledCount(page)).toBe(neverAsked - 1);
});
