/**
 * The deliverer: claims due messages (FOR UPDATE SKIP LOCKED, then a lease, so several workers and
 * processes share the queue and a crashed worker's messages come back when its lease runs out),
 * POSTs each with Standard Webhooks headers, records the attempt and decides what comes next. At
 * least once: a message is marked delivered only after a 2xx, so a crash between the receiver's
 * answer and that write sends it again, with the same webhook-id for the receiver to deduplicate.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { postWebhook, type PostOutcome } from "./http";
import { webhookBody } from "./payload";
import { FAILING_DISABLE_MS, MAX_ATTEMPTS, nextAttemptAt, retryAfterMs } from "./schedule";
import { signatureHeader } from "./secret";
import { checkWebhookTarget, WebhookTargetError } from "./ssrf";

export interface DeliverOptions {
  /** The clock for due times, leases and the schedule (tests move it forward). */
  now?: Date;
  /** Most messages claimed in one pass (default 20). */
  limit?: number;
  /** How long a claim holds a message (default 60 s: longer than the timeout). */
  leaseMs?: number;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

/** A claimed message with what its delivery needs. */
interface Claimed {
  workspaceId: string;
  id: string;
  endpointId: string;
  payload: unknown;
  attempts: number;
  leaseUntil: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_LEASE_MS = 60_000;

const CLAIM_SQL = (filter: string) => `
  WITH due AS (
    SELECT m."workspaceId", m."id" FROM "WebhookMessage" m
      JOIN "WebhookEndpoint" e ON e."workspaceId" = m."workspaceId" AND e."id" = m."endpointId"
     WHERE m."state" = 'pending' AND (m."leaseUntil" IS NULL OR m."leaseUntil" < $1) AND ${filter}
     ORDER BY m."nextAttemptAt", m."id"
     LIMIT $3
     FOR UPDATE OF m SKIP LOCKED
  )
  UPDATE "WebhookMessage" m SET "leaseUntil" = $2
    FROM due, "WebhookEndpoint" e
   WHERE m."workspaceId" = due."workspaceId" AND m."id" = due."id" AND e."workspaceId" = m."workspaceId" AND e."id" = m."endpointId"
  RETURNING m."workspaceId", m."id", m."endpointId", m."payload", m."attempts", m."leaseUntil",
            e."url", e."secret", e."previousSecret", e."previousSecretExpiresAt", e."failingSince"`;

/** Claims up to `limit` due messages of enabled endpoints for `leaseMs`. */
async function claimDue(sql: SqlDriver, now: Date, leaseMs: number, limit: number): Promise<Claimed[]> {
  return sql.query<Claimed>(CLAIM_SQL(`m."nextAttemptAt" <= $1 AND e."enabled"`), [now, new Date(now.getTime() + leaseMs), limit]);
}

/** One pass: claims due messages and attempts each once. True when there was something to do. */
export async function deliverWebhooks(options: DeliverOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const { sql } = await getDb();
  const claimed = await claimDue(sql, now, options.leaseMs ?? DEFAULT_LEASE_MS, options.limit ?? 20);
  await Promise.all(claimed.map((m) => attempt(sql, m, now, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)));
  return claimed.length > 0;
}

/**
 * Attempts one pending message now, whatever its due time and even on a disabled endpoint (a test
 * event, a redelivery an admin asked for). False when it is not pending or another worker holds it.
 */
export async function deliverMessageNow(workspaceId: string, messageId: string, options: DeliverOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const { sql } = await getDb();
  const [claimed] = await sql.query<Claimed>(CLAIM_SQL(`m."workspaceId" = $4::uuid AND m."id" = $5`), [
    now, new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)), 1, workspaceId, messageId,
  ]);
  if (!claimed) return false;
  await attempt(sql, claimed, now, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return true;
}

async function attempt(sql: SqlDriver, m: Claimed, now: Date, timeoutMs: number): Promise<void> {
  const at = new Date();
  let outcome: PostOutcome;
  try {
    const body = webhookBody(m.payload);
    const target = await checkWebhookTarget(m.url);
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = [m.secret, ...(m.previousSecret && m.previousSecretExpiresAt && m.previousSecretExpiresAt > now ? [m.previousSecret] : [])];
    outcome = await postWebhook(
      target,
      { "webhook-id": m.id, "webhook-timestamp": String(timestamp), "webhook-signature": signatureHeader(secrets, m.id, timestamp, body) },
      body,
      timeoutMs,
    );
  } catch (e) {
    if (!(e instanceof WebhookTargetError)) console.error(`Webhook message ${m.id} could not be sent:`, e);
    outcome = { kind: "error", error: e instanceof WebhookTargetError ? e.message : "The message could not be sent (internal error).", durationMs: Math.round(Date.now() - at.getTime()) };
  }
  await record(sql, m, now, at, outcome);
}

/** Writes the attempt and the message's next state, and the endpoint's health, in one transaction. */
async function record(sql: SqlDriver, m: Claimed, now: Date, at: Date, outcome: PostOutcome): Promise<void> {
  const status = outcome.kind === "response" ? outcome.status : null;
  const error = outcome.kind === "error" ? outcome.error : status !== null && (status < 200 || status >= 300) ? failureWords(status) : null;
  const success = status !== null && status >= 200 && status < 300;
  const gone = status === 410;
  const attempts = m.attempts + 1;
  const next = success || gone ? null : nextAttemptAt(attempts, now, outcome.kind === "response" ? retryAfterMs(outcome.retryAfter, now) : null);
  const state = success ? "delivered" : next === null ? "failed" : "pending";
  await sql.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO "WebhookAttempt" ("workspaceId", "messageId", "at", "status", "error", "durationMs", "responseExcerpt") VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)`,
      [m.workspaceId, m.id, at, status, error, outcome.durationMs, outcome.kind === "response" ? outcome.excerpt : null],
    );
    // Only the holder of the lease moves the message on (a worker that outlived its lease does not).
    await tx.query(
      `UPDATE "WebhookMessage" SET "state" = $3::"WebhookMessageState", "attempts" = "attempts" + 1, "nextAttemptAt" = $4, "leaseUntil" = NULL,
              "lastStatus" = $5, "lastError" = $6, "deliveredAt" = CASE WHEN $7::boolean THEN $8::timestamptz ELSE "deliveredAt" END
        WHERE "workspaceId" = $1::uuid AND "id" = $2 AND "leaseUntil" = $9`,
      [m.workspaceId, m.id, state, next, status, error, success, at, m.leaseUntil],
    );
    if (success) {
      await tx.query(`UPDATE "WebhookEndpoint" SET "failingSince" = NULL WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "failingSince" IS NOT NULL`, [m.workspaceId, m.endpointId]);
    } else if (gone) {
      await disableEndpoint(tx, m, now, `The endpoint answered 410 Gone on ${now.toISOString()}, which asks senders to stop: it was disabled. Enable it again once it accepts messages.`);
    } else {
      const since = m.failingSince ?? now;
      await tx.query(`UPDATE "WebhookEndpoint" SET "failingSince" = $3 WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "failingSince" IS NULL`, [m.workspaceId, m.endpointId, since]);
      if (now.getTime() - since.getTime() >= FAILING_DISABLE_MS) {
        await disableEndpoint(tx, m, now, `Every delivery failed for 5 days (since ${since.toISOString()}; last: ${error ?? "no answer"}), so the endpoint was disabled on ${now.toISOString()}. Fix the receiver, then enable it again: waiting messages are sent then.`);
      }
    }
  });
}

async function disableEndpoint(tx: SqlDriver, m: Claimed, now: Date, reason: string): Promise<void> {
  const rows = await tx.query(
    `UPDATE "WebhookEndpoint" SET "enabled" = false, "disabledReason" = $3, "disabledAt" = $4, "updatedAt" = $4
      WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "enabled" RETURNING "id"`,
    [m.workspaceId, m.endpointId, reason, now],
  );
  if (rows.length > 0) {
    await recordAudit(tx, { workspaceId: m.workspaceId, userId: null }, { action: "webhook.disable", entityType: "webhook", entityId: m.endpointId, diff: { url: m.url, reason } });
  }
}

function failureWords(status: number): string {
  if (status >= 300 && status < 400) return `Answered ${status} (a redirect, which is not followed: use the final URL).`;
  if (status === 410) return "Answered 410 Gone: the endpoint was disabled.";
  return `Answered ${status}.`;
}

export { MAX_ATTEMPTS };
