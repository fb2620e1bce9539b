/**
 * A guard for server-action requests (POST with a `Next-Action` header), run by proxy.ts before the
 * framework decodes the body. Next answers a body it cannot decode — empty, not JSON, over the
 * size limit — with a 500; these requests are the client's fault and get a 400 or 413 here.
 *
 * What React's client really sends (read in Chromium): `encodeReply(args)` gives either a string,
 * posted as `text/plain;charset=UTF-8` whose body is a JSON array of the arguments (`[{"workspace":…}]`,
 * `[]` for none), or — when an argument holds a File, Blob or FormData — a FormData posted as
 * `multipart/form-data`, whose field "0" is that JSON array. Nothing else is a valid action body.
 */

/** The largest action body accepted: next.config.js sets serverActions.bodySizeLimit to the same 1 MB. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface ActionRefusal {
  status: 400 | 413;
  message: string;
}

const refuse = (status: 400 | 413, message: string): ActionRefusal => ({ status, message });

/** Whether the request is a server-action call the guard applies to. */
export function isServerActionRequest(request: Request): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/**
 * Reads at most `limit` bytes of a body stream. Returns null when the body is longer (the reading
 * stops there: a streamed body without Content-Length cannot make us buffer more than the limit).
 */
export async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        // Not awaited: cancelling one branch of a tee'd body (request.clone()) settles only once
        // the other branch is cancelled too, and the framework still holds that one.
        reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseJsonArray(text: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Deeper than any real argument: segment definitions nest groups at most a few levels. */
const MAX_DEPTH = 64;

/**
 * Strings React's reply encoding gives a meaning that needs no other body part: escaped "$$…",
 * the special numbers, undefined, dates, bigints (digits only: BigInt("x") throws in the decoder)
 * and temporary references.
 */
const SELF_CONTAINED = /^(?:\$\$.*|\$undefined|\$NaN|\$Infinity|\$-Infinity|\$-0|\$T|\$D.*|\$n-?\d+)$/s;

/**
 * Whether a text/plain reply refers to an outlined part ("$Q1", "$@2", "$K3"…): only a multipart
 * body has parts, so in a string body such a reference is malformed, and Next's decoder would fail
 * on it with a 500. Also refuses nesting deeper than MAX_DEPTH, which the decoder would walk
 * recursively. Walks without recursion itself.
 */
function inspectArguments(root: unknown[]): string | null {
  const pending: [unknown, number][] = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === "string") {
      if (value.startsWith("$") && !SELF_CONTAINED.test(value)) return "The request body refers to a part it does not have.";
    } else if (value !== null && typeof value === "object") {
      if (depth > MAX_DEPTH) return `The request body is nested more than ${MAX_DEPTH} levels deep.`;
      for (const item of Array.isArray(value) ? value : Object.values(value)) pending.push([item, depth + 1]);
    }
  }
  return null;
}

/**
 * Null when the action request looks well-formed (the framework takes it from there), else the
 * status and message to answer with. Reads a clone of the body, so the original stays readable.
 */
export async function checkServerActionRequest(request: Request, limit: number = ACTION_BODY_LIMIT): Promise<ActionRefusal | null> {
  if (!isServerActionRequest(request)) return null;

  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) return refuse(400, "The Content-Length header is not a number.");
    if (Number(declared) > limit) return refuse(413, `The request body is larger than ${limit / 1024 / 1024} MB.`);
  }

  const contentType = request.headers.get("content-type") ?? "";
  const isText = contentType.toLowerCase().startsWith("text/plain");
  const isMultipart = contentType.toLowerCase().startsWith("multipart/form-data");
  if (!isText && !isMultipart) return refuse(400, "A server action body must be text/plain (JSON) or multipart/form-data.");

  if (!request.body) return refuse(400, "The request body is empty.");
  let bytes: Uint8Array | null;
  try {
    bytes = await readBounded(request.clone().body!, limit);
  } catch {
    return refuse(400, "The request body could not be read.");
  }
  if (bytes === null) return refuse(413, `The request body is larger than ${limit / 1024 / 1024} MB.`);
  if (bytes.byteLength === 0) return refuse(400, "The request body is empty.");

  if (isText) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return refuse(400, "The request body is not valid UTF-8.");
    }
    const args = parseJsonArray(text);
    if (!args) return refuse(400, "The request body is not a JSON array of arguments.");
    const problem = inspectArguments(args);
    return problem ? refuse(400, problem) : null;
  }

  let form: FormData;
  try {
    // The original header: the multipart boundary is case-sensitive.
    form = await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    return refuse(400, "The request body is not valid multipart/form-data.");
  }
  const root = form.get("0");
  if (typeof root !== "string" || !parseJsonArray(root)) return refuse(400, "The multipart body has no JSON array of arguments in its field 0.");
  return null;
}
