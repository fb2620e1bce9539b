/**
 * Email consent (issue 11): three states — yes, no, never asked (null) — and where the last change
 * came from. How the profile, the table and the form name them. Pure and client-safe.
 */
import { formatInstant } from "./display";

/** How consent was last changed: the customer form (a signed-in person), a CSV import, the API. */
export const CONSENT_SOURCES = ["form", "import", "api"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** What a person reads for each state; null is "never asked". */
export const CONSENT_LABELS = { yes: "Yes", no: "No", neverAsked: "Never asked" } as const;

/** The state's name: Yes, No or Never asked. */
export function consentLabel(value: boolean | null | undefined): string {
  return value === true ? CONSENT_LABELS.yes : value === false ? CONSENT_LABELS.no : CONSENT_LABELS.neverAsked;
}

/** A consent change's origin as stored on the customer, with the names it refers to resolved. */
export interface ConsentProvenance {
  changedAt: Date | null;
  source: ConsentSource | null;
  /** The person who changed it; null when none is recorded, "former" when they are no longer a user. */
  person: { name: string } | "former" | null;
  /** The file of the import that changed it (when the job still exists). */
  importFileName: string | null;
}

function personText(person: ConsentProvenance["person"]): string | null {
  if (person === "former") return "a former member";
  return person ? person.name : null;
}

/**
 * When and how consent got its current state: "since 2 Dec 2026, 14:05 · by Anna (form)",
 * "… · via import of customers.csv by Anna", "… · via API". Null when nothing was recorded (values
 * stored before changes were tracked, or a customer never asked).
 */
export function consentOriginText(p: ConsentProvenance, timeZone: string): string | null {
  if (!p.changedAt || !p.source) return null;
  const since = `since ${formatInstant(p.changedAt, timeZone)}`;
  const who = personText(p.person);
  switch (p.source) {
    case "form":
      return `${since} · by ${who ?? "a member"} (form)`;
    case "import":
      return `${since} · via import${p.importFileName ? ` of ${p.importFileName}` : ""}${who ? ` by ${who}` : ""}`;
    case "api":
      return `${since} · via API`;
  }
}
