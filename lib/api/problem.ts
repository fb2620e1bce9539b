/**
 * RFC 9457 problem details: every error of the public API is one of these (API.md, "Errors").
 * Handlers throw an ApiProblem; the operation wrapper turns it into the response.
 */

/** One thing wrong with a request: where (a JSON Pointer into the body, or a query/path parameter) and what. */
export interface ProblemItem {
  pointer?: string;
  parameter?: string;
  message: string;
}

export interface ProblemInit {
  detail?: string;
  errors?: ProblemItem[];
  headers?: Record<string, string>;
  /** Extension members (e.g. who changed a segment, for a 412). */
  extra?: Record<string, unknown>;
}

const KINDS = {
  400: { type: "bad-request", title: "The request is malformed" },
  401: { type: "unauthorized", title: "A valid API key is required" },
  403: { type: "forbidden", title: "This key may not do that" },
  404: { type: "not-found", title: "Not found" },
  405: { type: "method-not-allowed", title: "Method not allowed" },
  409: { type: "conflict", title: "The request conflicts with the current state" },
  412: { type: "precondition-failed", title: "The resource has changed" },
  413: { type: "too-large", title: "The request body is too large" },
  415: { type: "unsupported-media-type", title: "The request body must be JSON" },
  422: { type: "validation", title: "The request is not valid" },
  428: { type: "precondition-required", title: "If-Match is required" },
  429: { type: "rate-limited", title: "Too many requests" },
  500: { type: "internal", title: "Something went wrong on our side" },
  503: { type: "unavailable", title: "The request took too long" },
} as const;

export type ProblemStatus = keyof typeof KINDS;

export const PROBLEM_TYPE_BASE = "https://segmenta.dev/problems/";

/** An error answer of the API. */
export class ApiProblem extends Error {
  constructor(
    readonly status: ProblemStatus,
    detail?: string,
    readonly init: Omit<ProblemInit, "detail"> = {},
  ) {
    super(detail ?? KINDS[status].title);
    this.name = "ApiProblem";
  }

  /** The problem document (application/problem+json). */
  body(): Record<string, unknown> {
    const kind = KINDS[this.status];
    return {
      type: `${PROBLEM_TYPE_BASE}${kind.type}`,
      title: kind.title,
      status: this.status,
      detail: this.message,
      ...(this.init.errors ? { errors: this.init.errors } : {}),
      ...this.init.extra,
    };
  }

  response(extraHeaders: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(this.body()), {
      status: this.status,
      headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...this.init.headers, ...extraHeaders },
    });
  }
}

/** "1 problem", "3 problems". */
export function problemCount(errors: readonly ProblemItem[]): string {
  return `${errors.length} ${errors.length === 1 ? "problem" : "problems"}`;
}

/** A 422 listing every problem. */
export function validationProblem(errors: ProblemItem[]): ApiProblem {
  return new ApiProblem(422, problemCount(errors), { errors });
}

/** The 404 for an id this workspace doesn't have: the same answer whether it exists elsewhere or not. */
export function notFoundProblem(what: string): ApiProblem {
  return new ApiProblem(404, `No ${what} with this id in this workspace.`);
}
