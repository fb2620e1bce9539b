import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = "sgm_";

/** How many characters of a key are kept and shown to tell keys apart ("sgm_Ab12Cd34"). */
export const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** 32 random bytes in base64url: 43 characters after the prefix. */
const SECRET_BYTES = 32;
const KEY_PATTERN = /^sgm_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** The whole key: shown once, never stored. */
  secret: string;
  /** Its first characters, stored and shown in the list. */
  prefix: string;
  /** sha256 of the whole key (hex): what is stored and looked up. */
  hash: string;
}

/** sha256 of a key, hex. A key has 256 random bits, so a fast hash is enough (no password stretching). */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateApiKey(): NewApiKey {
  const secret = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashApiKey(secret) };
}

/** True when the text has the shape of a Segmenta key (checked before any lookup). */
export function looksLikeApiKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
