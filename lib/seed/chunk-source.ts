/**
 * Where rendered chunks come from: this thread (small runs, tests) or a worker thread, so
 * that generating the next chunk overlaps with the database ingesting the previous one.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CopyTable } from "./copy-rows";
import { createRenderer, type RenderedChunk, type RenderOptions, type RenderRequest } from "./render";

export type ChunkSource = {
  kind: "inline" | "worker";
  /** Renders customers [start, start + count), reusing the buffers of a finished chunk when given. */
  render(request: RenderRequest, reuse?: Record<CopyTable, Uint8Array>): Promise<RenderedChunk>;
  close(): Promise<void>;
};

type WorkerReply = { ok: true; chunk: RenderedChunk } | { ok: false; message: string };

/** Renders in this thread, yielding to the event loop first so pending COPY writes keep flowing. */
export function inlineChunkSource(options: RenderOptions): ChunkSource {
  const render = createRenderer(options);
  return {
    kind: "inline",
    render: (request, reuse) => new Promise((resolve) => setImmediate(resolve)).then(() => render(request, reuse)),
    close: async () => undefined,
  };
}

/**
 * Renders in a worker thread. The worker loads the TypeScript sources through tsx (a
 * dependency of the CLI), the same way `npm run cli` does.
 */
export function workerChunkSource(options: RenderOptions): ChunkSource {
  const entry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "seed-worker.ts")).href;
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  // A bigger young generation keeps each customer's short-lived objects out of the old generation.
  const worker = new Worker(bootstrap, { eval: true, workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const pending: { resolve: (chunk: RenderedChunk) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.splice(0)) waiter.reject(error);
  };
  worker.on("message", (reply: WorkerReply) => {
    const waiter = pending.shift();
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply.chunk);
    else waiter.reject(new Error(`seed worker failed: ${reply.message}`));
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`seed worker exited (code ${code})`)));
  return {
    kind: "worker",
    render(request, reuse) {
      if (failure) return Promise.reject(failure);
      return new Promise<RenderedChunk>((resolve, reject) => {
        pending.push({ resolve, reject });
        const transfer = reuse ? Object.values(reuse).map((buffer) => buffer.buffer as ArrayBuffer) : [];
        worker.postMessage({ ...request, reuse }, transfer);
      });
    },
    async close() {
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}
