import type { Db } from "@/lib/db/client";
import { hashPassword } from "./password";
import type { Role } from "./permissions";
import type { WorkspaceContext } from "./types";

/** A test workspace with its members' contexts by email (for integration tests only). */
export interface TestWorkspace {
  id: string;
  slug: string;
  ctx: (email: string) => WorkspaceContext;
  userId: (email: string) => string;
}

let cachedHash: Promise<string> | undefined;

/** The hash of "correct-horse-battery" (computed once: argon2 is deliberately slow). */
export function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword("correct-horse-battery");
  return cachedHash;
}

/** Creates a workspace with members (users created when new, password "correct-horse-battery"), for tests. */
export async function createTestWorkspace(db: Db, slug: string, members: Array<{ email: string; role: Role; name?: string }>): Promise<TestWorkspace> {
  const workspace = await db.prisma.workspace.create({ data: { slug, name: `Workspace ${slug}`, timeZone: "Europe/Warsaw" } });
  const passwordHash = await testPasswordHash();
  const byEmail = new Map<string, WorkspaceContext>();
  for (const m of members) {
    const user = await db.prisma.user.upsert({
      where: { email: m.email },
      create: { email: m.email, name: m.name ?? m.email.split("@")[0], passwordHash },
      update: {},
    });
    await db.prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: m.role } });
    byEmail.set(m.email, {
      workspaceId: workspace.id,
      workspaceSlug: workspace.slug,
      workspaceName: workspace.name,
      timeZone: workspace.timeZone,
      userId: user.id,
      userEmail: user.email,
      userName: user.name,
      role: m.role,
    });
  }
  const get = (email: string) => {
    const ctx = byEmail.get(email);
    if (!ctx) throw new Error(`No member ${email} in ${slug}`);
    return ctx;
  };
  return { id: workspace.id, slug, ctx: get, userId: (email) => get(email).userId };
}
