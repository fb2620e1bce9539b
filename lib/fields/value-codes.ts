/**
 * Names → codes for the fields that store codes: a country by ISO 3166-1 alpha-2 code or English
 * name ("Poland", "pl" → "PL"), a language by BCP 47 tag or English name ("Polish" → "pl",
 * "Polish (Poland)" → "pl-PL"). Anything else is refused with a message naming a code, and the
 * closest known name when there is one. Client-safe and pure.
 */
import { COUNTRY_CODES, countryCodeFromName, countryName } from "@/lib/customers/countries";

/** What reading a name or code gives: the code, or why not (with the nearest known value). */
export type CodeResult = { ok: true; code: string } | { ok: false; message: string; suggestion?: { code: string; label: string } };

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();

/** Edit distance of two short strings (suggestions only). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The candidate whose name is closest to text (within a third of its length), if any. */
export function nearest<T extends { name: string }>(text: string, candidates: Iterable<T>): T | undefined {
  const t = fold(text);
  let best: T | undefined;
  let bestDistance = Math.max(2, Math.ceil(t.length / 3)) + 1;
  for (const c of candidates) {
    const n = fold(c.name);
    // A prefix is close: "pola" → "Poland", and a bare language "pl" → its regional tag "pl-PL".
    const d = (n.startsWith(t) && t.length >= 3) || n.startsWith(`${t}-`) ? 1 : editDistance(t, n);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

let countryList: { code: string; name: string }[] | undefined;
const countries = () => (countryList ??= [...COUNTRY_CODES].map((code) => ({ code, name: countryName(code) })));

/** A country written as an ISO code (any case) or an English name → its code. */
export function parseCountry(input: string): CodeResult {
  const text = input.trim();
  const upper = text.toUpperCase();
  if (COUNTRY_CODES.has(upper)) return { ok: true, code: upper };
  const byName = countryCodeFromName(text);
  if (byName) return { ok: true, code: byName };
  const near = nearest(text, countries());
  const suggestion = near ? { code: near.code, label: `${near.name} (${near.code})` } : undefined;
  const hint = suggestion ? ` (did you mean ${suggestion.label}?)` : "";
  return { ok: false, message: `Unknown country ${JSON.stringify(text)}: use a country name or an ISO code such as ${near?.code ?? "PL"}${hint}`, suggestion };
}

const TAG_RE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const languageNames = new Intl.DisplayNames(["en"], { type: "language", languageDisplay: "standard", fallback: "none" });
let languageList: { code: string; name: string }[] | undefined;
let languageIndex: Map<string, string> | undefined;

// Intl cannot list languages, so the two-letter ISO 639-1 codes are found by asking it for every pair of letters.
function languages(): { code: string; name: string }[] {
  if (languageList) return languageList;
  languageList = [];
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      const name = languageNames.of(code);
      if (name && name !== code) languageList.push({ code, name });
    }
  }
  languageIndex = new Map(languageList.map((l) => [fold(l.name), l.code]));
  return languageList;
}

function languageByName(text: string): string | undefined {
  languages();
  const direct = languageIndex!.get(fold(text));
  if (direct) return direct;
  // "Polish (Poland)" → the language's code and the country's: pl-PL.
  const m = /^(.+?)\s*\((.+)\)$/.exec(text);
  if (!m) return undefined;
  const lang = languageIndex!.get(fold(m[1]));
  const region = countryCodeFromName(m[2]) ?? (COUNTRY_CODES.has(m[2].trim().toUpperCase()) ? m[2].trim().toUpperCase() : undefined);
  return lang && region ? `${lang}-${region}` : undefined;
}

/** Whether a well-formed tag names a language Intl knows ("pl", "pl-PL", "EN-us"), in canonical case. */
function knownTag(text: string): string | undefined {
  if (!TAG_RE.test(text)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(text);
    const primary = canonical.split("-")[0];
    return languageNames.of(primary) && languageNames.of(primary) !== primary ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** Every language Intl names, by English name (for pickers and suggestions). */
export function languageNameList(): readonly { code: string; name: string }[] {
  return [...languages()].sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** A stored tag as a name that reads back to the same tag ("pl-PL" → "Polish (Poland)"), else the tag. */
export function languageFormText(tag: string): string {
  try {
    const name = languageNames.of(tag);
    if (!name) return tag;
    const back = parseLanguage(name);
    return back.ok && back.code === tag ? name : tag;
  } catch {
    return tag;
  }
}

/** A language written as a BCP 47 tag or an English name → its tag ("Polish" → "pl", "en-us" → "en-US"). */
export function parseLanguage(input: string): CodeResult {
  const text = input.trim();
  const tag = knownTag(text) ?? languageByName(text);
  if (tag) return { ok: true, code: tag };
  const near = nearest(text, languages());
  const suggestion = near ? { code: near.code, label: `${near.name} (${near.code})` } : undefined;
  const hint = suggestion ? ` (did you mean ${suggestion.label}?)` : "";
  const example = near?.code ?? "pl";
  const regional = `${example}-${example === "en" ? "GB" : example.toUpperCase()}`;
  return { ok: false, message: `Unknown language ${JSON.stringify(text)}: use a language name or a BCP 47 tag such as ${example} or ${regional}${hint}`, suggestion };
}

/** The fields whose values are codes a name may stand for, and how to read them. */
export const CODE_PARSERS: Readonly<Record<string, (input: string) => CodeResult>> = {
  country: parseCountry,
  language: parseLanguage,
};
