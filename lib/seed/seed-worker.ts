/**
 * Worker-thread entry: renders chunks of COPY text so generation runs on one core while
 * PostgreSQL ingests on the other. Started by chunk-source.ts; speaks RenderRequest/RenderedChunk.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { CopyTable } from "./copy-rows";
import { createRenderer, type RenderOptions, type RenderRequest } from "./render";

type WorkerRequest = RenderRequest & { reuse?: Record<CopyTable, Uint8Array> };

const port = parentPort;
if (port === null) throw new Error("seed-worker.ts must run in a worker thread");
const render = createRenderer(workerData as RenderOptions);

port.on("message", (request: WorkerRequest) => {
  try {
    const chunk = render({ start: request.start, count: request.count }, request.reuse);
    port.postMessage({ ok: true, chunk }, Object.values(chunk.buffers).map((buffer) => buffer.buffer as ArrayBuffer));
  } catch (error) {
    port.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
