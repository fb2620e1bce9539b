// @ts-check

/**
 * Security headers for what proxy.ts does not run on: build assets, the icons and the CSV upload
 * route. The same values as lib/security/headers.ts (STATIC_SECURITY_HEADERS, STATIC_FILE_CSP);
 * lib/security/headers.test.ts checks they agree. Pages and other routes get theirs, with the
 * per-request CSP nonce, from the proxy.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time;
  // bundling it breaks that. argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Next's default, written down: proxy.ts refuses larger action bodies with 413 first
    // (ACTION_BODY_LIMIT in lib/security/action-guard.ts), so Next's own limit error (a 500) is not reached.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/icon.svg", "/api/w/:workspace/imports"].map((source) => ({
      source,
      headers: STATIC_SECURITY_HEADERS,
    }));
  },
};

export default nextConfig;
