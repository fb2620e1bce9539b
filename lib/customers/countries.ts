/** ISO 3166-1 alpha-2 country codes, and English country names → codes, for validating the country field. */

// The officially assigned codes (249) plus XK (Kosovo), a user-assigned code in wide use.
const CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/** Every accepted country code. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(CODES.split(" "));

// Common names a spreadsheet may carry instead of the code.
const ALIASES: Record<string, string> = {
  uk: "GB", "great britain": "GB", england: "GB", scotland: "GB", wales: "GB", "northern ireland": "GB",
  usa: "US", "united states of america": "US", america: "US", "u.s.": "US", "u.s.a.": "US",
  holland: "NL", "the netherlands": "NL", russia: "RU", "russian federation": "RU", "south korea": "KR", korea: "KR",
  "north korea": "KP", "czech republic": "CZ", turkey: "TR", "ivory coast": "CI", "viet nam": "VN", uae: "AE",
};

function fold(name: string): string {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/&/g, "and").replace(/\s+/g, " ").trim().toLowerCase();
}

let names: Map<string, string> | undefined;

function nameIndex(): Map<string, string> {
  if (names) return names;
  names = new Map(Object.entries(ALIASES));
  const display = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  for (const code of COUNTRY_CODES) {
    const name = display.of(code);
    if (name) names.set(fold(name), code);
  }
  return names;
}

/** Whether code (upper-case) is an ISO 3166-1 alpha-2 country code. */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

/** The code of a country written by its English name ("Poland", "United Kingdom", "USA"), or undefined. */
export function countryCodeFromName(name: string): string | undefined {
  return nameIndex().get(fold(name));
}

/** The English name of a country code, or the code itself when unknown. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}
