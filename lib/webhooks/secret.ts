/**
 * Standard Webhooks secrets and signatures (https://www.standardwebhooks.com, v1): a secret is
 * "whsec_" + base64 of random bytes; a signature is "v1," + base64 HMAC-SHA256 of
 * "id.timestamp.body" keyed with the decoded secret. Signed with node:crypto; the tests verify with
 * the standardwebhooks package, an implementation we did not write.
 */
import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

/** A new endpoint secret: whsec_ + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** The v1 signature of one message with one secret. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The webhook-signature header: one signature per secret that signs (two during a rotation), space-separated. */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => signWebhook(s, id, timestamp, body)).join(" ");
}

/** "whsec_AbCd…" for lists: enough to tell secrets apart, never enough to use one. */
export function maskedSecret(secret: string): string {
  return `${secret.slice(0, PREFIX.length + 4)}…`;
}
