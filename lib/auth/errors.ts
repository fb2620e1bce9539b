import { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";

const GENERIC_MESSAGE = "Something went wrong on our side. Nothing was changed; try again.";

/** Field errors from a zod error: the first message per field path ("email", "admin.password"). */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The failed ActionResult for an error: AppError and zod messages as they are, anything else logged and generic. */
export function toActionFailure(e: unknown, where: string): Extract<ActionResult, { ok: false }> {
  if (e instanceof AppError) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
  if (e instanceof z.ZodError) return { ok: false, error: "Check the highlighted fields.", fieldErrors: zodFieldErrors(e) };
  console.error(`${where} failed:`, e);
  return { ok: false, error: GENERIC_MESSAGE };
}

const STATUS: Record<AppError["code"], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  timeout: 503,
};

/** The JSON error response for an error, with the same rules as toActionFailure. */
export function toErrorResponse(e: unknown, where: string): Response {
  if (e instanceof AppError) {
    return Response.json({ error: e.message, code: e.code, fieldErrors: e.fieldErrors }, { status: STATUS[e.code] });
  }
  const failure = toActionFailure(e, where);
  const status = e instanceof z.ZodError ? 400 : 500;
  return Response.json({ error: failure.error, code: status === 400 ? "invalid" : "internal", fieldErrors: failure.fieldErrors }, { status });
}
