/** Expected failures with a message fit for the user; anything else is logged and shown generically. */
export class AppError extends Error {
  constructor(
    readonly code: "invalid" | "not_found" | "forbidden" | "conflict" | "unauthenticated" | "rate_limited" | "timeout",
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** The result every server action returns. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };
