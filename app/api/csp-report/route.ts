import { readBounded } from "@/lib/security/action-guard";
import { CSP_REPORT_BODY_LIMIT, createLogBudget, describeViolation, parseCspReports } from "@/lib/security/csp-report";

/**
 * Receives CSP violation reports (the policy's `report-uri` and `report-to`, lib/security/headers.ts)
 * and logs a one-line summary of each. Anyone can post here: bodies are size-bounded, garbage gets
 * a 400 (never a 500), and logging is rate-limited so the endpoint cannot flood the log.
 */
const budget = createLogBudget();

const answer = (status: number, message?: string) =>
  new Response(message ?? null, { status, headers: message ? { "content-type": "text/plain; charset=utf-8" } : undefined });

export async function POST(request: Request) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > CSP_REPORT_BODY_LIMIT) return answer(413, "A CSP report is at most 16 KB.");
  if (!request.body) return answer(400, "The report is empty.");

  let bytes: Uint8Array | null;
  try {
    bytes = await readBounded(request.body, CSP_REPORT_BODY_LIMIT);
  } catch {
    return answer(400, "The report could not be read.");
  }
  if (bytes === null) return answer(413, "A CSP report is at most 16 KB.");

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return answer(400, "The report is not JSON.");
  }
  const violations = parseCspReports(payload);
  if (violations.length === 0) return answer(400, "The body holds no CSP violation report.");

  for (const violation of violations) {
    const { allowed, droppedBefore } = budget.take();
    if (droppedBefore > 0) console.warn(`CSP violation reports: ${droppedBefore} more in the last minute were not logged.`);
    if (allowed) console.warn(describeViolation(violation));
  }
  return answer(204);
}
