"use client";

import { z } from "zod";

// Zod 4 compiles object parsers with `new Function`, after probing for it with `Function("")` on the
// first parse. Our CSP allows no eval in production (lib/security/headers.ts), so in the browser that
// probe is a CSP violation on every page that validates a form or a segment. Jitless mode parses the
// same way, without the probe. Set at module load, before any page component parses.
z.config({ jitless: true });

/** Rendered once in the root layout so the setting above is in every page's browser bundle. */
export function ZodJitless() {
  return null;
}
