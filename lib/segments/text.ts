/** Case folding and LIKE patterns, matching what PostgreSQL's lower() and LIKE do on the server. */

/**
 * Lower-cases s one code point at a time, as PostgreSQL's lower() does under a UTF-8 ctype
 * (simple case mapping): no context-dependent final sigma, and "İ" becomes "i".
 */
export function foldCase(s: string): string {
  let out = "";
  for (const ch of s) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch === "\u0130" ? "i" : ch;
  }
  return out;
}

/** s with LIKE's wildcards and escape character escaped, so it matches only itself. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern (default escape "\") for a literal string at the start, end or anywhere. */
export function likePattern(s: string, where: "contains" | "starts" | "ends"): string {
  const body = escapeLike(s);
  return where === "starts" ? `${body}%` : where === "ends" ? `%${body}` : `%${body}%`;
}
