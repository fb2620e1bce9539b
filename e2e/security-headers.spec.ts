import { expect, test, type APIResponse, type Page } from "./support/test";
import { signInAs } from "./support/session";

/** The directive → sources map of a CSP header. */
function csp(value: string | undefined): Map<string, string[]> {
  expect(value, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    value!.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

function nonceOf(value: string | undefined): string {
  const nonce = csp(value).get("script-src")?.find((s) => s.startsWith("'nonce-"));
  expect(nonce, "a nonce in script-src").toBeTruthy();
  return nonce!.slice("'nonce-".length, -1);
}

/** The headers every response carries, whichever layer set them. */
function expectStaticHeaders(response: APIResponse) {
  const h = response.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["permissions-policy"]).toContain("microphone=()");
  expect(h["permissions-policy"]).toContain("geolocation=()");
  expect(h["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
}

/** Headers of a page or route the proxy ran on: the nonce policy. Returns the nonce. */
function expectPageHeaders(response: APIResponse): string {
  expectStaticHeaders(response);
  const policy = csp(response.headers()["content-security-policy"]);
  expect(policy.get("script-src")).toContain("'strict-dynamic'");
  expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
  expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("report-uri")).toEqual(["/api/csp-report"]);
  return nonceOf(response.headers()["content-security-policy"]);
}

/** Every <script> in the HTML carries the header's nonce (Next applied it while rendering). */
function expectScriptsNonced(html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
}

test("the login page: security headers, a fresh nonce per request on every Next script", async ({ request, page }) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  const nonce = expectPageHeaders(first);
  expectScriptsNonced(await first.text(), nonce);

  const second = await request.get("/login");
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);

  // In the browser the page runs (hydrated: the form signs in) without a violation; the fixture checks.
  await page.goto("/login");
  const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(new Set(nonces).size).toBe(1);
  await expect(page.getByRole("heading", { name: "Sign in to Segmenta" })).toBeVisible();
});

test("the sign-up page, a 404 and the signed-out redirect carry the headers; scripts are nonced", async ({ request }) => {
  for (const path of ["/signup", "/no-such-page"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(path === "/signup" ? 200 : 404);
    expectScriptsNonced(await response.text(), expectPageHeaders(response));
  }
  const redirect = await request.get("/w/demo", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["location"]).toBe("/login?callbackUrl=%2Fw%2Fdemo");
  expectPageHeaders(redirect);
});

test("API routes, next-auth routes, static files and the upload route carry the headers", async ({ request }) => {
  const members = await request.get("/api/w/demo/members");
  expect(members.status()).toBe(401);
  expectPageHeaders(members);

  const session = await request.get("/api/auth/csrf");
  expect(session.status()).toBe(200);
  expectPageHeaders(session);

  const html = await (await request.get("/login")).text();
  const chunk = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(chunk).toBeTruthy();
  for (const path of [chunk!, "/favicon.ico"]) {
    const file = await request.get(path);
    expect(file.status(), path).toBe(200);
    expectStaticHeaders(file);
    expect(csp(file.headers()["content-security-policy"]).get("default-src")).toEqual(["'none'"]);
  }

  // The CSV upload streams up to 50 MB, so the proxy skips it; next.config.js still sends the headers.
  const upload = await request.post("/api/w/demo/imports?kind=customers", { data: "email\n" });
  expect(upload.status()).toBe(401);
  expectStaticHeaders(upload);
});

// The test server trusts one proxy (SEGMENTA_TRUST_PROXY=1, playwright.config.ts); that an untrusted
// X-Forwarded-Proto is ignored is checked in lib/security/headers.test.ts.
test("HSTS only when the trusted proxy says the visitor used https", async ({ request }) => {
  const plain = await request.get("/login");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const proxied = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(proxied.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  const downgraded = await request.get("/login", { headers: { "x-forwarded-proto": "http" } });
  expect(downgraded.headers()["strict-transport-security"]).toBeUndefined();
});

test("the CSP report endpoint logs reports and refuses garbage with 4xx", async ({ request }) => {
  const report = await request.post("/api/csp-report", {
    headers: { "content-type": "application/csp-report" },
    data: JSON.stringify({ "csp-report": { "document-uri": "http://localhost/login", "effective-directive": "script-src-elem", "blocked-uri": "inline" } }),
  });
  expect(report.status()).toBe(204);
  const modern = await request.post("/api/csp-report", {
    headers: { "content-type": "application/reports+json" },
    data: JSON.stringify([{ type: "csp-violation", body: { documentURL: "http://localhost/", effectiveDirective: "img-src", blockedURL: "https://x.example/a.png" } }]),
  });
  expect(modern.status()).toBe(204);
  for (const data of ["", "{nope", "[1,2,3]", '{"csp-report": 5}']) {
    const garbage = await request.post("/api/csp-report", { headers: { "content-type": "application/csp-report" }, data });
    expect(garbage.status(), JSON.stringify(data)).toBe(400);
  }
  const huge = await request.post("/api/csp-report", { headers: { "content-type": "application/csp-report" }, data: "x".repeat(64 * 1024) });
  expect(huge.status()).toBe(413);
});

/** Opens a saved segment, whose editor counts it live through a server action; returns that request. */
async function captureAction(page: Page) {
  await signInAs(page, "viewer", "/w/demo/segments");
  const hrefs = await page.locator("main a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => /^\/w\/demo\/segments\/[0-9a-f-]{36}$/.test(h));
  expect(href, "a saved segment in the demo workspace").toBeTruthy();
  const captured = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.goto(href!);
  return captured;
}

test("malformed server-action bodies answer 400/413, never 500, and the server keeps working", async ({ page }) => {
  const real = await captureAction(page);
  // What React's client really sends: text/plain with a JSON array of the arguments.
  expect(real.headers()["content-type"]).toBe("text/plain;charset=UTF-8");
  expect(Array.isArray(JSON.parse(real.postData() ?? ""))).toBe(true);

  const post = (data: string, contentType = "text/plain;charset=UTF-8") =>
    page.request.post(real.url(), { headers: { "next-action": real.headers()["next-action"], "content-type": contentType, accept: "text/x-component" }, data });

  const cases: [string, string, number, string?][] = [
    ["empty", "", 400],
    ["invalid JSON", "{not json", 400],
    ["JSON that is not an argument list", '{"a":1}', 400],
    ["a reference to a part a text body cannot have", '["$Q1"]', 400],
    ["2 MB", `["${"x".repeat(2 * 1024 * 1024)}"]`, 413],
    ["a JSON content type", "[]", 400, "application/json"],
  ];
  for (const [name, data, status, type] of cases) {
    const response = await post(data, type);
    expect(response.status(), name).toBe(status);
    expectStaticHeaders(response);
  }

  // The same action with the real body still answers, and pages still render.
  const again = await post(real.postData()!);
  expect(again.status()).toBe(200);
  expect(await again.text()).toContain('"ok":true');
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the CSP fixture catches a violation: an injected inline event handler is blocked and recorded", async ({ page, cspViolations }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to Segmenta" })).toBeVisible();
  // What an HTML injection would try; the handler has no nonce, so the policy blocks it.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">'));
  await expect.poll(() => cspViolations.violations.some((v) => v.via === "event" && v.directive === "script-src-attr")).toBe(true);
  await expect.poll(() => cspViolations.violations.some((v) => v.via === "console" && /inline event handler/.test(v.blocked))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  // What the fixture does after every test: this one would fail.
  expect(() => cspViolations.assertNone()).toThrow(/Content Security Policy violations in this test[\s\S]*script-src-attr/);
  // Forget them, so this test itself passes.
  cspViolations.take();
});
