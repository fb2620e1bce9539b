import { createHash, randomBytes } from "node:crypto";

/** How long a password reset link works. */
export const RESET_LINK_TTL_MS = 60 * 60 * 1000;

/** A new reset token (shown or e-mailed once) and the hash that is stored. */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

/** The stored form of a token: its SHA-256, hex. A leaked table gives no working link. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The path of a reset link; callers put the server's origin in front. */
export function resetPath(token: string): string {
  return `/reset-password/${token}`;
}
