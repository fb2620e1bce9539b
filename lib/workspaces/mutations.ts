import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { createWorkspaceSchema, type CreateWorkspaceInput } from "./schemas";

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: string }).code === "P2002";
}

/**
 * Creates a workspace and, when given, its first admin (a new user, or an existing user whose
 * password matches is not required: an existing email just gets the admin membership).
 */
export async function createWorkspace(db: Db, input: CreateWorkspaceInput): Promise<{ id: string; slug: string }> {
  const parsed = createWorkspaceSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    throw new AppError("invalid", parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "), fieldErrors);
  }
  const { slug, name, timeZone, admin } = parsed.data;
  const passwordHash = admin ? await hashPassword(admin.password) : null;
  try {
    return await db.prisma.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { slug, name, timeZone }, select: { id: true, slug: true } });
      if (admin && passwordHash) {
        const user = await tx.user.upsert({
          where: { email: admin.email },
          create: { email: admin.email, name: admin.name || admin.email.split("@")[0], passwordHash },
          update: {},
          select: { id: true },
        });
        await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "admin" } });
      }
      return workspace;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A workspace with the address "${slug}" already exists.`, { slug: "This address is taken." });
    throw e;
  }
}
