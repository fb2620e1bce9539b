import { describe, expect, it } from "vitest";
import {
  buildCsp,
  createNonce,
  HSTS_VALUE,
  isHttpsRequest,
  PERMISSIONS_POLICY,
  responseSecurityHeaders,
  STATIC_FILE_CSP,
  STATIC_SECURITY_HEADERS,
  trustProxyFromEnv,
} from "./headers";

/** The policy as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe("createNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("buildCsp", () => {
  const nonce = createNonce();

  it("allows scripts by nonce and strict-dynamic only, without eval in production", () => {
    const csp = directives(buildCsp({ nonce, dev: false, https: false }));
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(buildCsp({ nonce, dev: false, https: false })).not.toContain("unsafe-eval");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("allows eval for next dev only", () => {
    expect(directives(buildCsp({ nonce, dev: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("locks down objects, base, forms, framing and reports violations", () => {
    const csp = directives(buildCsp({ nonce, dev: false, https: false }));
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("report-uri")).toEqual(["/api/csp-report"]);
    expect(csp.get("report-to")).toEqual(["csp-endpoint"]);
  });

  it("allows inline styles (style attributes) but no nonce in style-src, which would disable 'unsafe-inline'", () => {
    const styles = directives(buildCsp({ nonce, dev: false, https: false })).get("style-src") ?? [];
    expect(styles).toContain("'unsafe-inline'");
    expect(styles.some((s) => s.startsWith("'nonce-"))).toBe(false);
  });

  it("upgrades insecure requests only over https", () => {
    expect(directives(buildCsp({ nonce, dev: false, https: false })).has("upgrade-insecure-requests")).toBe(false);
    expect(directives(buildCsp({ nonce, dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => buildCsp({ nonce: "abc'; script-src *", dev: false, https: false })).toThrow(/nonce/);
    expect(() => buildCsp({ nonce: "short", dev: false, https: false })).toThrow(/nonce/);
  });
});

describe("isHttpsRequest", () => {
  it("believes X-Forwarded-Proto only when the proxy is trusted", () => {
    expect(isHttpsRequest({ forwardedProto: "https", trustProxy: false })).toBe(false);
    expect(isHttpsRequest({ forwardedProto: "https", trustProxy: true })).toBe(true);
    expect(isHttpsRequest({ forwardedProto: "HTTPS, http", trustProxy: true })).toBe(true);
    expect(isHttpsRequest({ forwardedProto: "http", trustProxy: true })).toBe(false);
    expect(isHttpsRequest({ forwardedProto: "http, https", trustProxy: true })).toBe(false);
    expect(isHttpsRequest({ forwardedProto: null, trustProxy: true })).toBe(false);
  });
});

describe("trustProxyFromEnv", () => {
  it("reads SEGMENTA_TRUST_PROXY: unset or a false word is off", () => {
    expect(trustProxyFromEnv(undefined)).toBe(false);
    expect(trustProxyFromEnv("")).toBe(false);
    for (const off of ["0", "false", "No", " off "]) expect(trustProxyFromEnv(off)).toBe(false);
    for (const on of ["1", "true", "yes"]) expect(trustProxyFromEnv(on)).toBe(true);
  });
});

describe("responseSecurityHeaders", () => {
  const base = { nonce: createNonce(), dev: false, origin: "http://localhost:3000" };

  it("sends the static headers, the CSP and the report endpoint, and HSTS only over https", () => {
    const http = responseSecurityHeaders({ ...base, https: false });
    expect(http).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Reporting-Endpoints": 'csp-endpoint="http://localhost:3000/api/csp-report"',
    });
    expect(http["Content-Security-Policy"]).toContain(`'nonce-${base.nonce}'`);
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(responseSecurityHeaders({ ...base, https: true })["Strict-Transport-Security"]).toBe(HSTS_VALUE);
  });

  it("turns off the powerful browser features", () => {
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
  });
});

describe("next.config.js", () => {
  it("sends the same static headers as the proxy, plus the static-file CSP, on the paths the proxy skips", async () => {
    const configPath = "../../next.config.js";
    const mod = (await import(/* @vite-ignore */ configPath)) as {
      STATIC_SECURITY_HEADERS: { key: string; value: string }[];
      default: { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    };
    const fromConfig = Object.fromEntries(mod.STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(fromConfig).toEqual({ ...STATIC_SECURITY_HEADERS, "Content-Security-Policy": STATIC_FILE_CSP });
    const rules = await mod.default.headers();
    expect(rules.map((r) => r.source)).toEqual(expect.arrayContaining(["/_next/static/:path*", "/favicon.ico", "/icon.svg", "/api/w/:workspace/imports"]));
  });
});
