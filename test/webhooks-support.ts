/**
 * Shared fixtures of the webhook tests: a real HTTP receiver on loopback that verifies every
 * signature with the standardwebhooks package (not our code), and helpers that log membership
 * changes the way lib/membership does (rows with one batchId) and enqueue their messages.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import type { Db, SqlDriver } from "@/lib/db/client";
import { writeMembershipMessages } from "@/lib/webhooks/enqueue";

/** One request the receiver got, with what the signatures verified against. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** Per secret given to the receiver: did standardwebhooks accept the message with it? */
  verified: boolean[];
}

/** What the receiver answers: a status (with headers), or hold the request open until released. */
export type Behaviour = { status: number; headers?: Record<string, string>; body?: string } | { hold: true };

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Secrets to verify with (whsec_…). */
  secrets: string[];
  /** Decides each answer; default 200. */
  behave: (r: Received, index: number) => Behaviour;
  /** Requests held open (for timeouts and crashes). */
  held: http.ServerResponse[];
  onRequest?: (r: Received) => void;
  close(): Promise<void>;
  /** Stops listening (connections are refused) and listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A receiver on 127.0.0.1 (a random port unless given). */
export async function startReceiver(port = 0): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    port: 0,
    received: [],
    secrets: [],
    behave: () => ({ status: 200, body: "ok" }),
    held: [],
    close: async () => undefined,
    stop: async () => undefined,
    start: async () => undefined,
  };
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = { "webhook-id": String(req.headers["webhook-id"] ?? ""), "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""), "webhook-signature": String(req.headers["webhook-signature"] ?? "") };
      const verified = receiver.secrets.map((s) => {
        try {
          new Webhook(s).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      const r: Received = { id: headers["webhook-id"], timestamp: headers["webhook-timestamp"], signature: headers["webhook-signature"], body, verified };
      receiver.received.push(r);
      receiver.onRequest?.(r);
      const behaviour = receiver.behave(r, receiver.received.length - 1);
      if ("hold" in behaviour) {
        receiver.held.push(res);
        return;
      }
      res.writeHead(behaviour.status, behaviour.headers ?? {});
      res.end(behaviour.body ?? "");
    });
  };
  let server = http.createServer(handler);
  const listen = (p: number) => new Promise<void>((resolve) => server.listen(p, "127.0.0.1", () => resolve()));
  await listen(port);
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  const shut = async () => {
    for (const res of receiver.held.splice(0)) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  receiver.close = shut;
  receiver.stop = shut;
  receiver.start = async () => {
    server = http.createServer(handler);
    await listen(receiver.port);
  };
  return receiver;
}

/** Customers with ids, emails and external ids, inserted in one statement; their ids in order. */
export async function insertTestCustomers(sql: SqlDriver, workspaceId: string, n: number, tag = "c"): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO "Customer" ("workspaceId", "email", "externalId", "updatedAt")
     SELECT $1::uuid, $2 || '-' || g || '@example.com', upper($2) || '-' || g, now() FROM generate_series(1, $3::int) g ORDER BY g RETURNING "id"`,
    [workspaceId, tag, n],
  );
  return rows.map((r) => r.id);
}

/** A saved segment (its definition does not matter to webhooks). */
export async function insertTestSegment(db: Db, workspaceId: string, name: string): Promise<string> {
  const definition = { version: 1, root: { type: "group", combinator: "and", negate: false, children: [{ type: "field", field: "country", operator: "in", value: ["PL"] }] } };
  const s = await db.prisma.segment.create({ data: { workspaceId, name, definition }, select: { id: true } });
  return s.id;
}

/**
 * Logs one batch of membership changes as lib/membership does (one batchId, in order) and writes
 * their messages in the same transaction (what the enqueueMembershipMessages hook does); returns
 * the batch id and the number of messages.
 */
export async function logChanges(
  sql: SqlDriver,
  workspaceId: string,
  segmentId: string,
  changes: { customerId: string; kind: "entered" | "exited" }[],
  cause = "write",
): Promise<{ batchId: string; messages: number }> {
  const batchId = crypto.randomUUID();
  const messages = await sql.transaction(async (tx) => {
    if (changes.length > 0) {
      await tx.query(
        `INSERT INTO "SegmentMembershipChange" ("workspaceId", "segmentId", "customerId", "kind", "at", "cause", "batchId")
         SELECT $1::uuid, $2::uuid, c.id, c.kind::"MembershipChangeKind", now(), $5::"MembershipCause", $6::uuid
           FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS c(id, kind, n) ORDER BY c.n`,
        [workspaceId, segmentId, changes.map((c) => c.customerId), changes.map((c) => c.kind), cause, batchId],
      );
    }
    const entered = changes.filter((c) => c.kind === "entered").length;
    return writeMembershipMessages(tx, { workspaceId, segmentId, batchId, entered, exited: changes.length - entered });
  });
  return { batchId, messages };
}

/** The message rows of a workspace, oldest first. */
export async function messagesOf(sql: SqlDriver, workspaceId: string) {
  return sql.query<{ id: string; endpointId: string; type: string; state: string; attempts: number; nextAttemptAt: Date | null; lastStatus: number | null; lastError: string | null; payload: { data: { changes: { customer: { id: string } }[] } } }>(
    `SELECT "id", "endpointId", "type", "state"::text AS "state", "attempts", "nextAttemptAt", "lastStatus", "lastError", "payload" FROM "WebhookMessage" WHERE "workspaceId" = $1::uuid ORDER BY "id"`,
    [workspaceId],
  );
}
