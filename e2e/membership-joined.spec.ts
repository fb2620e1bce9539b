/**
 * Stored membership in the running product: a customer edited on the profile appears as joined
 * on the segment's dashboard, applied by the server's own runner (no command, no refresh button).
 * The segment is saved through the public API with the demo key; everything else is the UI.
 */
import { DEMO_API_KEY } from "@/lib/seed/demo-users";
import { expect as baseExpect, test } from "./support/test";
import { browserSessions } from "./support/session";

const expect = baseExpect.configure({ timeout: 30_000 });
const sessions = browserSessions();
test.afterEach(() => sessions.closeAll());
const auth = { Authorization: `Bearer ${DEMO_API_KEY.secret}` };

test("a customer edited on the profile appears as joined on the segment's dashboard", async ({ browser, request }) => {
  test.slow();
  const city = `Joinville ${Date.now()}`;
  const created = await request.post("/api/v1/segments", {
    headers: auth,
    data: { name: `Lives in ${city}`, definition: { version: 1, root: { type: "group", combinator: "and", negate: false, children: [{ type: "field", field: "city", operator: "eq", value: city }] } } },
  });
  expect(created.status()).toBe(201);
  const segment = (await created.json()) as { id: string };
  const listed = await request.get("/api/v1/customers?limit=1", { headers: auth });
  const customer = ((await listed.json()) as { data: { id: string; email: string | null }[] }).data[0];

  const page = await sessions.signedIn(browser, "editor", `/w/demo/customers/${customer.id}/edit`);
  await page.getByLabel("City").fill(city);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();

  // The runner applies the write within seconds; the dashboard reads the change log.
  await page.goto(`/w/demo/segments/${segment.id}/dashboard`);
  const joiners = page.getByRole("table", { name: "Recent joiners" });
  await expect(async () => {
    await page.reload();
    await expect(joiners.getByRole("link").first()).toHaveAttribute("href", `/w/demo/customers/${customer.id}`, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(joiners).toContainText(/a change to the customer/i);
  await expect(page.getByTestId("joined-left")).toContainText("Joined, last 7 days");
  await expect(page.getByText(/Members as of/).first()).toBeVisible();

  // Reverting the city: the customer leaves, and the leavers list says so.
  await page.goto(`/w/demo/customers/${customer.id}/edit`);
  await page.getByLabel("City").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.goto(`/w/demo/segments/${segment.id}/dashboard`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("table", { name: "Recent leavers" }).getByRole("link").first()).toHaveAttribute("href", `/w/demo/customers/${customer.id}`, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await request.delete(`/api/v1/segments/${segment.id}`, { headers: auth });
});
