/**
 * What the segment operations share: definition problems as JSON pointers, the segment of a path
 * id (or the 404), If-Match, money with two decimals and member field values as JSON.
 */
import "server-only";
import { AppError } from "@/lib/errors";
import { findField, type CustomerRow, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import { readField } from "@/lib/fields/read";
import { divideDecimal, isDecimal } from "@/lib/segments/decimal";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { getSegment, type SavedSegment } from "@/lib/segments/saved-queries";
import type { DefinitionIssue } from "@/lib/segments/schema";
import { createClock } from "@/lib/segments/time";
import type { ApiContext } from "../operation";
import { jsonPointer } from "../pointer";
import { ApiProblem, notFoundProblem, validationProblem, type ProblemItem } from "../problem";

/**
 * A parser's node path as a JSON Pointer under `base`: "root.children[2].value" under "/definition"
 * → "/definition/root/children/2/value"; "definition" (the whole) → "/definition".
 */
export function nodePathPointer(path: string, base: readonly string[] = ["definition"]): string {
  if (path === "definition" || path === "") return jsonPointer(base);
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".").filter((p) => p !== "");
  return jsonPointer([...base, ...parts]);
}

/** The parser's issues as problem items pointing into the request body. */
export function definitionProblems(issues: readonly DefinitionIssue[], base: readonly string[] = ["definition"]): ProblemItem[] {
  return issues.map((issue) => ({ pointer: nodePathPointer(issue.path, base), message: issue.message }));
}

/** Runs fn; a definition the request sent that the parser rejects is a 422 listing each node's problem. */
export async function withSentDefinition<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof InvalidDefinitionError) throw validationProblem(definitionProblems(e.errors));
    throw e;
  }
}

/**
 * Runs fn over a stored definition: one that no longer validates (a custom field deleted since, say)
 * is a 409 naming the nodes (pointers into the segment's definition), not a 422 of a request that was fine.
 */
export async function withStoredDefinition<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof InvalidDefinitionError) {
      throw new ApiProblem(409, "This segment's stored definition no longer validates against the workspace's fields and segments; update it first.", {
        errors: definitionProblems(e.errors),
      });
    }
    throw e;
  }
}

/** The key's workspace's segment with this id, or the same 404 whether it is elsewhere or nowhere. */
export async function segmentOr404(ctx: ApiContext, id: string): Promise<SavedSegment> {
  const segment = await getSegment(ctx, id);
  if (!segment) throw notFoundProblem("segment");
  return segment;
}

/** AppError("not_found") from a domain function (a segment deleted meanwhile) as the common 404. */
export function segmentNotFoundAs404(e: unknown): never {
  if (e instanceof AppError && e.code === "not_found") throw notFoundProblem("segment");
  throw e;
}

/** The ETag of a segment version. */
export const etagOf = (version: number) => `"${version}"`;

const IF_MATCH = /^\s*(?:W\/)?"(\d{1,9})"\s*$/;

/** The version an If-Match header names: 428 without one, 400 when it names no version. */
export function ifMatchVersion(request: Request): number {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "") {
    throw new ApiProblem(428, 'Send If-Match: "<version>" with the version you read (the ETag of GET /segments/{id}), so nobody\'s change is overwritten unseen.');
  }
  const m = IF_MATCH.exec(header);
  if (!m || Number(m[1]) < 1) {
    throw new ApiProblem(400, 'If-Match must be the segment\'s ETag, a version in quotes such as "3".', { errors: [{ parameter: "If-Match", message: "not a segment version" }] });
  }
  return Number(m[1]);
}

/** Money as the API writes it: a decimal string with two places ("129.90"); null stays null. */
export function money(value: string | number | null): string | null {
  if (value === null || !isDecimal(value)) return null;
  return divideDecimal(value, 1, 2);
}

/** Keys a member page always carries; asking for them in fields= is allowed and changes nothing. */
const ALWAYS = new Set(["id", "email", "externalId"]);

/** The catalog fields `fields=` asks for (comma-separated keys); an unknown key is a 400 naming it. */
export function requestedFields(catalog: FieldCatalog, list: string | undefined): FieldDefinition[] {
  if (!list) return [];
  const keys = [...new Set(list.split(",").map((k) => k.trim()).filter((k) => k !== "" && !ALWAYS.has(k)))];
  const unknown = keys.filter((k) => !findField(catalog, k));
  if (unknown.length > 0) {
    throw new ApiProblem(400, `Unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} in fields=; GET /fields lists the custom ones (as custom.<key>).`, {
      errors: unknown.map((k) => ({ parameter: "fields", message: `unknown field "${k}"` })),
    });
  }
  return keys.map((k) => findField(catalog, k)!);
}

/** A field's value as JSON: money "129.90", datetimes ISO 8601 UTC, dates YYYY-MM-DD, empty null. */
export function fieldJson(field: FieldDefinition, row: CustomerRow, today: string): unknown {
  const value = readField(field, row, today);
  if (value === null) return null;
  if (field.type === "money") return money(value as string | number);
  if (field.type === "datetime" && typeof value === "number") return new Date(value).toISOString();
  return value;
}

/** The asked-for fields of a member: standard ones by key, custom ones under `custom`. */
export function memberFields(fields: readonly FieldDefinition[], row: CustomerRow, now: Date, timeZone: string): Record<string, unknown> {
  const today = createClock(now, timeZone).today;
  const out: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.source.kind === "attribute") custom[field.source.key] = fieldJson(field, row, today);
    else out[field.key] = fieldJson(field, row, today);
  }
  if (fields.some((f) => f.source.kind === "attribute")) out.custom = custom;
  return out;
}
