/**
 * How alike a column header and a field name are, for mapping proposals: both are split into
 * lower-case words (camelCase, snake_case, spaces, punctuation), then compared by edit distance
 * and by shared words. Pure.
 */

// Words that add nothing to what a column holds: "Email Address" is the email, "Phone number" the phone.
const FILLERS = new Set(["address", "number", "no", "nr", "num", "the", "of", "a", "an", "value", "field", "col", "column"]);

/** Lower-case words of a header or field name: "Email_Address" and "emailAddress" both give ["email", "address"]. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** Levenshtein distance between two strings (two-row dynamic programming). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    for (let j = 1; j <= b.length; j++) {
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = curr;
  }
  return prev[b.length];
}

function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : 1 - levenshtein(a, b) / longest;
}

function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = a.filter((w) => b.includes(w)).length;
  if (shared === b.length && shared === a.length) return 1;
  // All of the field's words inside the header ("Company name" ⊇ "company"): a strong hint.
  if (shared === b.length) return Math.max(0.8, 0.9 - 0.05 * (a.length - shared));
  return shared / Math.max(a.length, b.length);
}

function compare(a: readonly string[], b: readonly string[]): number {
  return Math.max(editSimilarity(a.join(""), b.join("")), wordSimilarity(a, b));
}

/** Similarity from 0 to 1 of a header and a name; filler words are also ignored on a second try. */
export function similarity(header: string, name: string): number {
  const a = words(header);
  const b = words(name);
  const plain = compare(a, b);
  const a2 = a.filter((w) => !FILLERS.has(w));
  const b2 = b.filter((w) => !FILLERS.has(w));
  const stripped = a2.length > 0 && b2.length > 0 ? compare(a2, b2) : 0;
  return Math.max(plain, stripped);
}

/**
 * A name reduced for exact comparison: its words without fillers, run together ("E-mail" and
 * "Email address" both give "email", "first_name" and "firstName" give "firstname").
 */
export function compactName(text: string): string {
  const all = words(text);
  const meaningful = all.filter((w) => !FILLERS.has(w));
  return (meaningful.length > 0 ? meaningful : all).join("");
}

/** Whether every meaningful word of the header is a word of the name ("Points" in "Loyalty points"). */
export function wordsWithin(header: string, name: string): boolean {
  const a = words(header).filter((w) => !FILLERS.has(w));
  const b = new Set(words(name));
  return a.length > 0 && a.every((w) => b.has(w));
}
