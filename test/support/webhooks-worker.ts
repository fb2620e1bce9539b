/**
 * A webhook worker as its own process, for the crash test: opens the database of the environment
 * (DATABASE_URL, or PGlite under SEGMENTA_DATA_DIR), runs one delivery pass (at WORKER_NOW, epoch
 * ms, when given) and prints what it did. The test kills it with SIGKILL in the middle.
 */
import { closeDb, getDb } from "@/lib/db/client";
import { deliverWebhooks } from "@/lib/webhooks/deliver";

await getDb();
process.stdout.write("ready\n");
const now = process.env.WORKER_NOW ? new Date(Number(process.env.WORKER_NOW)) : undefined;
const worked = await deliverWebhooks({ now, timeoutMs: 60_000 });
process.stdout.write(`${JSON.stringify({ worked })}\n`);
await closeDb();
