import crypto from "node:crypto";

/** A fresh link token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** What is stored for a token: its sha256, hex. The token itself is never stored. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** The shape of a token from newToken(), so malformed links are refused before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
