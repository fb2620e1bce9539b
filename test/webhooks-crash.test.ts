/**
 * A worker killed with SIGKILL in the middle of a delivery (the receiver holds the answer) loses
 * nothing: its lease runs out, a new worker process sends the message again with the same
 * webhook-id, and it is marked delivered once. Real processes on one database: PGlite in a folder
 * (one process at a time, as in production) or PostgreSQL with DATABASE_URL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { closeDb, openDb, setDb, type Db } from "@/lib/db/client";
import { createWebhookEndpoint } from "@/lib/webhooks/mutations";
import { setupTestDb, teardownTestDb } from "./support/db";
import { insertTestCustomers, insertTestSegment, logChanges, messagesOf, startReceiver, type Receiver } from "./webhooks-support";

const onPostgres = Boolean(process.env.DATABASE_URL);
let dataDir: string | null = null;
let db: Db | null = null;
let workerEnv: NodeJS.ProcessEnv;
let receiver: Receiver;
let w: TestWorkspace;

async function open(): Promise<Db> {
  if (onPostgres) return db!;
  db = await openDb({ kind: "pglite", dir: path.join(dataDir!, "pglite") });
  setDb(db);
  return db;
}

async function release(): Promise<void> {
  // PGlite: one process at a time, so the test lets go of the folder while a worker runs.
  if (!onPostgres) await closeDb();
}

function worker(now?: Date): { child: ChildProcess; ready: Promise<void>; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  // node itself with tsx as a loader: the killed pid is the worker (the tsx command would be a wrapper around it).
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/webhooks-worker.ts"], {
    env: { ...workerEnv, ...(now ? { WORKER_NOW: String(now.getTime()) } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    if (out.includes("ready")) markReady();
  });
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null) console.error(err);
      resolve({ code, signal, out });
    }),
  );
  return { child, ready, exited };
}

beforeAll(async () => {
  receiver = await startReceiver();
  process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
  if (onPostgres) {
    db = await setupTestDb();
    const target = db.target as { kind: "postgres"; url: string };
    workerEnv = { ...process.env, DATABASE_URL: target.url };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-hooks-"));
    workerEnv = { ...process.env, DATABASE_URL: "", SEGMENTA_DATA_DIR: dataDir };
  }
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  if (onPostgres) await teardownTestDb();
  else {
    await closeDb();
    fs.rmSync(dataDir!, { recursive: true, force: true });
  }
});

describe("a worker killed mid-delivery", () => {
  it("loses nothing: a new worker delivers the message again with the same webhook-id", async () => {
    const d = await open();
    w = await createTestWorkspace(d, "crash", [{ email: "admin@crash.test", role: "admin" }]);
    const { secret } = await createWebhookEndpoint(w.ctx("admin@crash.test"), { url: receiver.url, eventTypes: ["segment.entered"] });
    receiver.secrets = [secret];
    const [customer] = await insertTestCustomers(d.sql, w.id, 1);
    const segment = await insertTestSegment(d, w.id, "Crash");
    await logChanges(d.sql, w.id, segment, [{ customerId: customer, kind: "entered" }]);
    await release();

    // The receiver holds the first request open; the worker is killed while it waits.
    receiver.behave = () => ({ hold: true });
    const arrived = new Promise<void>((resolve) => (receiver.onRequest = () => resolve()));
    const first = worker();
    await arrived;
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.out).not.toContain("worked");

    // Within the lease nobody takes it; after the lease a new worker does.
    receiver.behave = () => ({ status: 200, body: "ok" });
    const early = worker();
    expect((await early.exited).out).toContain('{"worked":false}');
    const second = worker(new Date(Date.now() + 61_000));
    const done = await second.exited;
    expect(done.code).toBe(0);
    expect(done.out).toContain('{"worked":true}');

    const after = await open();
    const [m] = await messagesOf(after.sql, w.id);
    expect(m).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 200 });
    expect(receiver.received.map((r) => r.id)).toEqual([m.id, m.id]);
    expect(receiver.received.every((r) => r.verified[0])).toBe(true);
  }, 120_000);
});
