/**
 * CSP violation reports, as browsers send them to /api/csp-report: the `report-uri` format
 * (`application/csp-report`, `{"csp-report": {...}}`, kebab-case keys) and the Reporting API format
 * (`application/reports+json`, an array of `{type: "csp-violation", body: {...}}`, camelCase keys).
 * Both are reduced to one short summary for the log. Reports come from anyone: every field is
 * optional, cut to a bounded length, and anything else is ignored.
 */

/** The largest report body read; a real report is well under 4 KB. */
export const CSP_REPORT_BODY_LIMIT = 16 * 1024;
/** At most this many reports are logged per minute per server process; the rest are counted. */
export const CSP_REPORTS_LOGGED_PER_MINUTE = 60;

export interface CspViolation {
  documentUrl: string;
  directive: string;
  blockedUrl: string;
  sourceFile: string;
  line: number | null;
  sample: string;
  disposition: string;
}

const MAX_FIELD = 300;
const MAX_REPORTS_PER_BODY = 20;

function text(value: unknown): string {
  if (typeof value !== "string") return "";
  // No control characters in the log (a report must not be able to forge log lines).
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, " ");
  return clean.length > MAX_FIELD ? `${clean.slice(0, MAX_FIELD)}…` : clean;
}

function lineNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fromLegacy(report: Record<string, unknown>): CspViolation {
  return {
    documentUrl: text(report["document-uri"]),
    directive: text(report["effective-directive"] ?? report["violated-directive"]),
    blockedUrl: text(report["blocked-uri"]),
    sourceFile: text(report["source-file"]),
    line: lineNumber(report["line-number"]),
    sample: text(report["script-sample"]),
    disposition: text(report["disposition"]),
  };
}

function fromReportingApi(body: Record<string, unknown>): CspViolation {
  return {
    documentUrl: text(body.documentURL),
    directive: text(body.effectiveDirective),
    blockedUrl: text(body.blockedURL),
    sourceFile: text(body.sourceFile),
    line: lineNumber(body.lineNumber),
    sample: text(body.sample),
    disposition: text(body.disposition),
  };
}

/** The violations in a parsed report body; empty when it holds none (not a report, or another report type). */
export function parseCspReports(payload: unknown): CspViolation[] {
  if (isObject(payload) && isObject(payload["csp-report"])) return [fromLegacy(payload["csp-report"])];
  if (Array.isArray(payload)) {
    return payload
      .slice(0, MAX_REPORTS_PER_BODY)
      .filter((entry): entry is Record<string, unknown> => isObject(entry) && entry.type === "csp-violation" && isObject(entry.body))
      .map((entry) => fromReportingApi(entry.body as Record<string, unknown>));
  }
  return [];
}

/** One log line for a violation. */
export function describeViolation(v: CspViolation): string {
  const where = v.sourceFile ? ` at ${v.sourceFile}${v.line !== null ? `:${v.line}` : ""}` : "";
  const sample = v.sample ? ` sample=${JSON.stringify(v.sample)}` : "";
  return `CSP violation (${v.disposition || "enforce"}): ${v.directive || "unknown directive"} blocked ${v.blockedUrl || "unknown"} on ${v.documentUrl || "unknown page"}${where}${sample}`;
}

/** A fixed-window counter: true while fewer than `limit` events happened in the current minute. */
export function createLogBudget(limit: number = CSP_REPORTS_LOGGED_PER_MINUTE, now: () => number = Date.now) {
  let windowStart = now();
  let used = 0;
  let dropped = 0;
  return {
    /** Whether one more report may be logged; also returns how many were dropped in the window that just ended. */
    take(): { allowed: boolean; droppedBefore: number } {
      const t = now();
      let droppedBefore = 0;
      if (t - windowStart >= 60_000) {
        droppedBefore = dropped;
        windowStart = t;
        used = 0;
        dropped = 0;
      }
      if (used < limit) {
        used += 1;
        return { allowed: true, droppedBefore };
      }
      dropped += 1;
      return { allowed: false, droppedBefore };
    },
  };
}
