import type { Role } from "@/lib/auth/permissions";
import type { ApiAccess } from "./authenticate";

/** What the key management functions need: the workspace, who acts (null for the command line) and their role. */
export interface ApiKeysContext {
  workspaceId: string;
  userId: string | null;
  role: Role;
}

/** One key as the page and the command line list it; never the secret, never its hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  access: ApiAccess;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Who created it: null for the command line, or when that account was deleted. */
  createdBy: { name: string; email: string } | null;
}
