/**
 * One webhook POST: to the address the SSRF check approved (the `lookup` option hands it to the
 * socket; for https the certificate is still checked against the URL's host name), with a timeout,
 * never following redirects (a 3xx is a failed attempt), reading at most 1 KB of the answer.
 */
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { CheckedTarget } from "./ssrf";

/** What the receiver answered, or the error that stopped the attempt. */
export type PostOutcome =
  | { kind: "response"; status: number; excerpt: string; retryAfter: string | null; durationMs: number }
  | { kind: "error"; error: string; durationMs: number };

export const RESPONSE_EXCERPT_BYTES = 1024;

/** POSTs body to the checked target; never throws. */
export function postWebhook(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    // Node asks with all: true (happy eyeballs) or for one address; both get the checked one.
    if (typeof options === "object" && options && "all" in options && options.all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    } else {
      callback(null, target.address, target.family);
    }
  };
  const isHttps = target.url.protocol === "https:";
  const payload = Buffer.from(body, "utf8");
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = (isHttps ? https : http).request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        // SNI and the certificate check stay on the URL's name (an IP literal sends no SNI).
        ...(isHttps && isIP(target.url.hostname.replace(/^\[|\]$/g, "")) === 0 ? { servername: target.url.hostname } : {}),
        headers: { ...headers, "content-type": "application/json", "content-length": String(payload.length), "user-agent": "Segmenta-Webhooks/1" },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) response.destroy();
        });
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
          const retryAfter = response.headers["retry-after"];
          finish({ kind: "response", status: response.statusCode ?? 0, excerpt, retryAfter: typeof retryAfter === "string" ? retryAfter : null, durationMs: elapsed() });
        };
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: "error", error: `No answer within ${Math.round(timeoutMs / 1000)} s (timed out).`, durationMs: elapsed() });
      request.destroy();
    }, timeoutMs);
    request.on("error", (e: NodeJS.ErrnoException) => finish({ kind: "error", error: connectionError(e), durationMs: elapsed() }));
    request.end(payload);
  });
}

function connectionError(e: NodeJS.ErrnoException): string {
  if (e.code === "ECONNREFUSED") return "Connection refused.";
  if (e.code === "ECONNRESET") return "The connection was reset.";
  if (e.code === "ETIMEDOUT") return "The connection timed out.";
  if (e.code && e.code.startsWith("ERR_TLS") || e.code === "CERT_HAS_EXPIRED" || e.code === "DEPTH_ZERO_SELF_SIGNED_CERT" || e.code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE") {
    return `TLS error: ${e.code}.`;
  }
  return e.code ? `Connection failed (${e.code}).` : "Connection failed.";
}
