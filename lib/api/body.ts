import { ApiProblem } from "./problem";

/** Body limits: a batch may carry 1,000 records in at most 5 MB; anything else 1 MB. */
export const BODY_LIMITS = { batch: 5 * 1024 * 1024, default: 1024 * 1024 } as const;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;

function tooLarge(limit: number): ApiProblem {
  return new ApiProblem(413, `The request body is over ${megabytes(limit)}. Send fewer records per request.`);
}

/**
 * The request's JSON body: 415 unless it is declared JSON, 413 when over the limit (by its
 * Content-Length, or counted while reading when there is none), 400 when it is not valid JSON.
 */
export async function readJsonBody(request: Request, limit: number): Promise<{ json: unknown; text: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new ApiProblem(415, type ? `The body is ${type.split(";")[0]}; send application/json.` : "Send the body as application/json (the Content-Type header is missing).");
  }
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) throw new ApiProblem(400, "The request body is empty; send a JSON document.");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") throw new ApiProblem(400, "The request body is empty; send a JSON document.");
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch (e) {
    throw new ApiProblem(400, `The request body is not valid JSON (${e instanceof Error ? e.message : "parse error"}).`);
  }
}
