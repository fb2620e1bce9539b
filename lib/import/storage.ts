import "server-only";
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/target";
import { AppError } from "@/lib/errors";
import { hasBom } from "./csv";
import { notUtf8 } from "./csv";

/** The largest file an upload accepts. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Where uploaded files wait for their import: <data folder>/imports. */
export function importsDir(): string {
  return path.join(dataDir(), "imports");
}

/** The stored upload of a job. */
export function uploadPath(jobId: string): string {
  return path.join(importsDir(), `${jobId}.csv`);
}

/** Removes a job's uploaded file; files outside the imports folder (a CLI import's own file) are left alone. */
export async function removeUpload(filePath: string | null): Promise<void> {
  if (!filePath) return;
  const resolved = path.resolve(filePath);
  if (path.dirname(resolved) !== path.resolve(importsDir())) return;
  await fs.promises.rm(resolved, { force: true });
}

/**
 * Streams an upload into the imports folder under a temporary name, refusing more than
 * MAX_UPLOAD_BYTES, an empty body and bytes that are not UTF-8; returns the file's path and size.
 */
export async function saveUpload(body: ReadableStream<Uint8Array>): Promise<{ filePath: string; bytes: number }> {
  await fs.promises.mkdir(importsDir(), { recursive: true });
  const filePath = path.join(importsDir(), `upload-${crypto.randomUUID()}.tmp`);
  const out = fs.createWriteStream(filePath, { flags: "wx" });
  // Opened before anything can fail, so the cleanup below never races the file's creation.
  await once(out, "open");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0 && chunk.length >= 3 && hasBom(chunk)) decoder.decode(chunk.subarray(3), { stream: true });
      else decodeOrThrow(decoder, chunk, bytes);
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) throw new AppError("invalid", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", resolve));
    }
    decodeOrThrow(decoder, undefined, bytes);
    if (bytes === 0) throw new AppError("invalid", "The file is empty.");
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return { filePath, bytes };
  } catch (e) {
    out.destroy();
    if (!out.closed) await once(out, "close");
    await fs.promises.rm(filePath, { force: true });
    throw e;
  }
}

function decodeOrThrow(decoder: TextDecoder, chunk: Uint8Array | undefined, offset: number): void {
  try {
    if (chunk) decoder.decode(chunk, { stream: true });
    else decoder.decode();
  } catch {
    throw notUtf8(offset);
  }
}

/** Moves a saved upload to its job's place. */
export async function placeUpload(tempPath: string, jobId: string): Promise<string> {
  const target = uploadPath(jobId);
  await fs.promises.rename(tempPath, target);
  return target;
}
