import { Readable } from "node:stream";
import { runImportJob, type ImportRunResult } from "./engine";
import { createLocalJob, inspectLocalFile } from "./mutations";
import type { ImportChoices } from "./schemas";
import type { ImportType } from "./targets";
import type { ImportContext } from "./types";

/** Imports a local file with explicit choices and waits for the end (for integration tests only). */
export async function importLocalFile(
  ctx: ImportContext,
  type: ImportType,
  filePath: string,
  choices: Partial<ImportChoices> & Pick<ImportChoices, "columns">,
): Promise<{ jobId: string; result: ImportRunResult }> {
  const file = await inspectLocalFile(filePath);
  const { jobId } = await createLocalJob(ctx, { type, file, choices: { match: "email", onExisting: "update", ...choices } });
  const result = await runImportJob(ctx.workspaceId, jobId);
  if (!result) throw new Error(`Import ${jobId} did not run`);
  return { jobId, result };
}

/** A request body streaming these bytes in chunks (for tests). */
export function bodyOf(content: string | Buffer, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(content);
  function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
  }
  return Readable.toWeb(Readable.from(chunks())) as ReadableStream<Uint8Array>;
}
