import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ApiProblem } from "./problem";

/**
 * Opaque cursors (API.md, "Lists"): base64url of the page's sort key, signed with the server's
 * secret and bound to the workspace and the list, so a forged cursor, or one of another workspace
 * or list, is a 400 and never reaches a query.
 */

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (value) return value;
  if (process.env.NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is not set");
  return "segmenta-development-cursor-secret";
}

function signature(scope: string, payload: string): Buffer {
  return createHmac("sha256", secret()).update(`${scope}\n${payload}`).digest().subarray(0, 16);
}

/** A cursor for the sort key `key` of a list (`scope` names the workspace and the list). */
export function encodeCursor(scope: string, key: readonly (string | number | null)[]): string {
  const payload = Buffer.from(JSON.stringify(key)).toString("base64url");
  return `${payload}.${signature(scope, payload).toString("base64url")}`;
}

const keySchema = z.array(z.union([z.string(), z.number(), z.null()])).max(8);

/** The sort key of a cursor made by encodeCursor for the same scope; anything else is a 400. */
export function decodeCursor(scope: string, cursor: string): (string | number | null)[] {
  const bad = () => new ApiProblem(400, "The cursor is not valid here: pass the nextCursor of the previous page of this list, unchanged.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
  const [payload, mac, ...rest] = cursor.split(".");
  if (!payload || !mac || rest.length > 0 || cursor.length > 1024) throw bad();
  const expected = signature(scope, payload);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad();
  try {
    return keySchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    throw bad();
  }
}

/** `?limit=` 1–200, default 50, and `?cursor=`: the query of every list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number("limit is a whole number from 1 to 200").int("limit is a whole number from 1 to 200").min(1, "limit is at least 1").max(200, "limit is at most 200").default(50)
    .meta({ description: "Page size, 1–200.", example: 50 }),
  cursor: z.string().max(1024).optional().meta({ description: "The nextCursor of the previous page." }),
});

/** A page of a list: { data, nextCursor }. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass as ?cursor= for the next page; null on the last page." }) });
}
