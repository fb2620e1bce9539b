import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { emailSchema, passwordSchema, slugSchema, timeZoneSchema } from "@/lib/workspaces/schemas";
import { hashPassword } from "./password";
import { zodFieldErrors } from "./errors";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(1, "Name your workspace.").max(100, "Use at most 100 characters."),
  slug: slugSchema,
  timeZone: timeZoneSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;

const EMAIL_TAKEN = "An account with this email already exists — sign in instead.";

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "P2002";
}

// createWorkspace names fields by its own input ("admin.email"); the form names them flat.
const FIELD_NAMES: Record<string, string> = { name: "workspaceName", slug: "slug", timeZone: "timeZone", "admin.email": "email", "admin.password": "password", "admin.name": "name" };

/**
 * Creates an account and its first workspace with the account as admin. Refuses an email that
 * already has an account; if the workspace can't be created, the new account is removed again.
 */
export async function signUp(input: SignUpInput): Promise<{ userId: string; slug: string }> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", zodFieldErrors(parsed.error));
  const data = parsed.data;
  const db = await getDb();

  if (await db.prisma.workspace.count({ where: { slug: data.slug } })) {
    throw new AppError("conflict", `The address "${data.slug}" is taken. Choose another.`, { slug: "This address is taken." });
  }
  // Creating the user first claims the email atomically, so createWorkspace's upsert only ever finds our own new user.
  let userId: string;
  try {
    const user = await db.prisma.user.create({
      data: { email: data.email, name: data.name, passwordHash: await hashPassword(data.password) },
      select: { id: true },
    });
    userId = user.id;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", EMAIL_TAKEN, { email: EMAIL_TAKEN });
    throw e;
  }
  try {
    const workspace = await createWorkspace(db, {
      slug: data.slug,
      name: data.workspaceName,
      timeZone: data.timeZone,
      admin: { email: data.email, password: data.password, name: data.name },
    });
    return { userId, slug: workspace.slug };
  } catch (e) {
    await db.prisma.user.deleteMany({ where: { id: userId, memberships: { none: {} } } });
    if (e instanceof AppError && e.fieldErrors) {
      const fieldErrors = Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [FIELD_NAMES[k] ?? k, v]));
      throw new AppError(e.code, e.message, fieldErrors);
    }
    throw e;
  }
}
