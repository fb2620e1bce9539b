import "server-only";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/auth/permissions";
import { hashApiKey, looksLikeApiKey, sameHash } from "./secret";

/** What a key may do. */
export type ApiAccess = "read" | "read_write";

/** The workspace context of a public API request: the key decides the workspace. */
export interface ApiContext {
  workspaceId: string;
  workspaceSlug: string;
  timeZone: string;
  apiKeyId: string;
  apiKeyName: string;
  access: ApiAccess;
  /** Requests per minute, when the key has its own limit. */
  rateLimit: number | null;
  /** Changes made with a key have no person behind them; the audit names the key. */
  userId: null;
  /** The role the key acts with in the app's own functions: read → viewer, read_write → editor. */
  role: Role;
}

/** lastUsedAt is written at most this often per key, so reads don't cost a write each. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The context of a bearer key, or null for a key that is malformed, unknown or revoked. The lookup
 * is by the key's sha256 (an index), so the time taken says nothing about the secret's characters;
 * the stored hash is compared again in constant time.
 */
export async function authenticateApiKey(db: Db, secret: string, now = new Date()): Promise<ApiContext | null> {
  if (!looksLikeApiKey(secret)) return null;
  const hash = hashApiKey(secret);
  const key = await db.prisma.apiKey.findUnique({
    where: { hashedKey: hash },
    select: {
      id: true, name: true, hashedKey: true, access: true, rateLimit: true, revokedAt: true, lastUsedAt: true, workspaceId: true,
      workspace: { select: { slug: true, timeZone: true } },
    },
  });
  if (!key || key.revokedAt !== null || !sameHash(key.hashedKey, hash)) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiKey.updateMany({ where: { workspaceId: key.workspaceId, id: key.id }, data: { lastUsedAt: now } });
  }
  return {
    workspaceId: key.workspaceId,
    workspaceSlug: key.workspace.slug,
    timeZone: key.workspace.timeZone,
    apiKeyId: key.id,
    apiKeyName: key.name,
    access: key.access,
    rateLimit: key.rateLimit,
    userId: null,
    role: key.access === "read_write" ? "editor" : "viewer",
  };
}
