import type { z } from "zod";
import type { ProblemItem } from "./problem";

/** RFC 6901 JSON Pointer of a path: ["data", 1, "email"] → "/data/1/email" ("~" and "/" escaped). */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** Every issue of a zod error as a problem item pointing into the body, under `base` (e.g. ["data", 3]). */
export function bodyProblems(error: z.ZodError, base: readonly PropertyKey[] = []): ProblemItem[] {
  return error.issues.map((issue) => ({ pointer: jsonPointer([...base, ...issue.path]), message: issue.message }));
}

/** Every issue of a zod error on query or path parameters, named by parameter. */
export function parameterProblems(error: z.ZodError): ProblemItem[] {
  return error.issues.map((issue) => ({ parameter: issue.path.map(String).join(".") || "query", message: issue.message }));
}
