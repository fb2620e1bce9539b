import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiProblem } from "./problem";

/**
 * Idempotency-Key on POST (API.md, "Idempotency"): the first answer is kept 24 h with a hash of the
 * request. The same key and request replays it (Idempotent-Replayed: true) without doing the work
 * again; the same key with another request is a 422; a request arriving while the first is still
 * being answered waits for it, then gets 409 if it is still running. Server errors are not kept,
 * so a retry after one does the work.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const WAIT_MS = 10_000;
const POLL_MS = 100;
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

const keySchemaMessage = "Idempotency-Key must be 1–255 visible ASCII characters.";

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

export type IdempotencyClaim =
  | { kind: "new"; finish(response: Response): Promise<void>; abandon(): Promise<void> }
  | { kind: "replay"; response: Response };

interface Stored {
  requestHash: string;
  status: number | null;
  body: string | null;
  headers: Prisma.JsonValue;
}

function replay(stored: Stored & { status: number }): Response {
  const headers = new Headers((stored.headers ?? {}) as Record<string, string>);
  headers.set("Idempotent-Replayed", "true");
  return new Response(stored.body, { status: stored.status, headers });
}

/** Claims `key` for this request, or answers with the first request's stored response. */
export async function claimIdempotencyKey(db: Db, scope: { workspaceId: string; apiKeyId: string }, key: string, hash: string, now = new Date()): Promise<IdempotencyClaim> {
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiProblem(400, keySchemaMessage, { errors: [{ parameter: "Idempotency-Key", message: keySchemaMessage }] });
  }
  const where = { workspaceId_key: { workspaceId: scope.workspaceId, key } };
  await db.prisma.apiIdempotency.deleteMany({ where: { workspaceId: scope.workspaceId, key, expiresAt: { lt: now } } });
  const inserted = await db.prisma.$executeRaw(Prisma.sql`
    INSERT INTO "ApiIdempotency" ("workspaceId", "key", "apiKeyId", "requestHash", "expiresAt")
    VALUES (${scope.workspaceId}::uuid, ${key}, ${scope.apiKeyId}::uuid, ${hash}, ${new Date(now.getTime() + IDEMPOTENCY_TTL_MS)})
    ON CONFLICT ("workspaceId", "key") DO NOTHING`);
  if (inserted === 1) {
    const abandon = async () => {
      await db.prisma.apiIdempotency.deleteMany({ where: { workspaceId: scope.workspaceId, key, status: null } });
    };
    return {
      kind: "new",
      abandon,
      async finish(response) {
        if (response.status >= 500) return abandon();
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = response.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        const body = await response.clone().text();
        await db.prisma.apiIdempotency.update({ where, data: { status: response.status, body, headers } });
      },
    };
  }

  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const stored = await db.prisma.apiIdempotency.findUnique({ where, select: { requestHash: true, status: true, body: true, headers: true } });
    if (!stored) return claimIdempotencyKey(db, scope, key, hash, now); // the first request failed and let go of the key
    if (stored.requestHash !== hash) {
      throw new ApiProblem(422, "This Idempotency-Key was already used with a different request. Use a new key for a new request.", {
        errors: [{ parameter: "Idempotency-Key", message: "already used with a different request" }],
      });
    }
    if (stored.status !== null) return { kind: "replay", response: replay({ ...stored, status: stored.status }) };
    if (Date.now() >= deadline) throw new ApiProblem(409, "A request with this Idempotency-Key is still being processed. Retry in a moment.");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Removes records past their 24 h (called now and then; expired ones are also replaced on reuse). */
export async function pruneIdempotency(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.prisma.apiIdempotency.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
