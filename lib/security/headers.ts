/**
 * The security headers every response carries, built here as pure functions so proxy.ts stays thin
 * and the policy is unit-tested. next.config.js repeats the static part for the files the proxy
 * does not run on (/_next/static, /_next/image, the icons); headers.test.ts checks the two agree.
 */

/** Where browsers send CSP violation reports (app/api/csp-report/route.ts). */
export const CSP_REPORT_PATH = "/api/csp-report";
/** The Reporting API endpoint name used by `report-to` and declared in `Reporting-Endpoints`. */
export const CSP_REPORT_GROUP = "csp-endpoint";

/** HSTS for two years, subdomains included. No `preload`: entering the preload list is the operator's decision. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Browser features the product never uses, switched off for the page and anything it might embed.
 * Only features Chromium recognises: an unknown name makes it log a console error on every page.
 */
const DISABLED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
] as const;

export const PERMISSIONS_POLICY = DISABLED_FEATURES.map((feature) => `${feature}=()`).join(", ");

/** Headers that do not depend on the request: sent on pages, API routes, static files and 404s alike. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": PERMISSIONS_POLICY,
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * The CSP for responses that are never documents with scripts of their own (JS/CSS chunks, fonts,
 * icons): nothing may load from them and nobody may frame them.
 */
export const STATIC_FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A fresh nonce: 128 random bits, base64 (the characters CSP's nonce-source grammar allows). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const NONCE_PATTERN = /^[A-Za-z0-9+/]{16,}={0,2}$/;

export interface CspOptions {
  nonce: string;
  /** `next dev` only: React rebuilds server error stacks with eval in development. Never in production. */
  dev: boolean;
  /** Served over https: ask the browser to upgrade any stray http:// sub-resource. */
  https: boolean;
}

/** The Content-Security-Policy for pages, API routes and next-auth routes. */
export function buildCsp({ nonce, dev, https }: CspOptions): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error("A CSP nonce must be at least 16 base64 characters.");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts Next's nonced bootstrap loads (route chunks) are trusted through it;
    // with it, browsers ignore 'self' and host lists, which stay only for CSP2-era browsers.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Styles: React writes style attributes (chart bar widths, drag-and-drop transforms, progress
    // bars), and a nonce can never cover an attribute, so styles need 'unsafe-inline' — the common,
    // documented trade-off. It is limited to styles: CSS cannot run script, and with no external
    // style hosts allowed an injected style can restyle our page but not load anything from elsewhere
    // (img-src/font-src/connect-src stay 'self'). No nonce here on purpose: a nonce in style-src makes
    // browsers ignore 'unsafe-inline'.
    ["style-src", "'self'", "'unsafe-inline'"],
    // Geist is self-hosted by next/font (served from /_next/static/media); no third-party fonts.
    ["font-src", "'self'"],
    // The app loads no images but its own icons (no <img>, no data: URIs in CSS, downloads are
    // route handlers, not blob: URLs), so nothing beyond 'self'.
    ["img-src", "'self'"],
    ["connect-src", "'self'"],
    ["manifest-src", "'self'"],
    ["worker-src", "'self'"],
    ["media-src", "'none'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ["report-uri", CSP_REPORT_PATH],
    ["report-to", CSP_REPORT_GROUP],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** Whether SEGMENTA_TRUST_PROXY asks us to believe X-Forwarded-* headers (set it only behind a proxy that sets them). */
export function trustProxyFromEnv(value: string | undefined = process.env.SEGMENTA_TRUST_PROXY): boolean {
  if (!value) return false;
  return !["0", "false", "no", "off"].includes(value.trim().toLowerCase());
}

export interface HttpsInput {
  /** The X-Forwarded-Proto header, if any. */
  forwardedProto: string | null;
  trustProxy: boolean;
}

/**
 * Whether the visitor's connection is https. `next start` serves plain http only, so TLS always ends
 * in front of us and the only witness is X-Forwarded-Proto — believed only with SEGMENTA_TRUST_PROXY.
 * (The URL the proxy sees is no witness: Next builds its protocol from that same header, set by
 * anyone when no proxy overwrites it.)
 */
export function isHttpsRequest({ forwardedProto, trustProxy }: HttpsInput): boolean {
  if (!trustProxy || !forwardedProto) return false;
  // A chain of proxies appends: the first value is what the visitor used.
  return forwardedProto.split(",")[0].trim().toLowerCase() === "https";
}

export interface ResponseHeaderOptions extends CspOptions {
  /** The origin the report endpoint is reached at (Reporting-Endpoints needs an absolute URL). */
  origin: string;
}

/** Every security header for a response from a page or route the proxy ran on. */
export function responseSecurityHeaders(options: ResponseHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    ...STATIC_SECURITY_HEADERS,
    "Content-Security-Policy": buildCsp(options),
    "Reporting-Endpoints": `${CSP_REPORT_GROUP}="${options.origin}${CSP_REPORT_PATH}"`,
  };
  if (options.https) headers["Strict-Transport-Security"] = HSTS_VALUE;
  return headers;
}
