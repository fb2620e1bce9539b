import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isMailConfigured } from "@/lib/mail/mailer";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { emailSchema, passwordSchema, slugSchema, timeZoneSchema } from "@/lib/workspaces/schemas";
import { authorizeCredentials } from "./credentials";
import { zodFieldErrors } from "./errors";
import { hashPassword } from "./password";
import { userExists } from "./queries";
import { requestSignUpByMail } from "./sign-up-confirm";
import { requestClientAddress } from "@/lib/http/origin";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(1, "Name your workspace.").max(100, "Use at most 100 characters."),
  slug: slugSchema,
  timeZone: timeZoneSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;
export type SignUpData = z.output<typeof signUpSchema>;

/** What sign-up did: created the workspace (and signed-in credentials now work), or e-mailed a link to finish. */
export type SignUpOutcome = { status: "created"; userId: string; slug: string } | { status: "check-inbox"; email: string };

/**
 * The answer, without SMTP, to an email that has an account and a password that does not match it.
 * It cannot be the same as a success, so it is the same for every way the credentials fail
 * (docs/decisions/008-invitations-and-sign-up.md).
 */
export const SIGN_UP_REFUSED =
  "Could not create an account with this email and password. If you already have a Segmenta account, enter its password to add this workspace to it, or sign in.";

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "P2002";
}

// createWorkspace names fields by its own input ("admin.email"); the form names them flat.
const FIELD_NAMES: Record<string, string> = { name: "workspaceName", slug: "slug", timeZone: "timeZone", "admin.email": "email", "admin.password": "password", "admin.name": "name" };

function renamedFields(e: unknown): unknown {
  if (!(e instanceof AppError && e.fieldErrors)) return e;
  const fieldErrors = Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [FIELD_NAMES[k] ?? k, v]));
  return new AppError(e.code, e.message, fieldErrors);
}

async function createWorkspaceFor(db: Db, data: SignUpData) {
  return createWorkspace(db, {
    slug: data.slug,
    name: data.workspaceName,
    timeZone: data.timeZone,
    admin: { email: data.email, password: data.password, name: data.name },
  });
}

/**
 * Without SMTP: a new email gets an account and the workspace; an email with an account gets the
 * workspace added to it when the password is that account's (checked by the sign-in limiter), so
 * both succeed the same way; any other password gets SIGN_UP_REFUSED and changes nothing.
 */
async function signUpDirectly(db: Db, data: SignUpData): Promise<SignUpOutcome> {
  if (await userExists(data.email)) {
    const user = await authorizeCredentials({ email: data.email, password: data.password }, await requestClientAddress().catch(() => null)).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "rate_limited") return null;
      throw e;
    });
    if (!user) throw new AppError("invalid", SIGN_UP_REFUSED);
    try {
      const workspace = await createWorkspaceFor(db, data);
      return { status: "created", userId: user.id, slug: workspace.slug };
    } catch (e) {
      throw renamedFields(e);
    }
  }
  // Creating the user first claims the email atomically, so createWorkspace's upsert only ever finds our own new user.
  let userId: string;
  try {
    const user = await db.prisma.user.create({ data: { email: data.email, name: data.name, passwordHash: await hashPassword(data.password) }, select: { id: true } });
    userId = user.id;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("invalid", SIGN_UP_REFUSED);
    throw e;
  }
  try {
    const workspace = await createWorkspaceFor(db, data);
    return { status: "created", userId, slug: workspace.slug };
  } catch (e) {
    await db.prisma.user.deleteMany({ where: { id: userId, memberships: { none: {} } } });
    throw renamedFields(e);
  }
}

/**
 * Sign-up that does not tell whether an email is registered. With SMTP every valid request answers
 * "check your inbox" (a new address gets a confirmation link, a registered one a sign-in reminder);
 * without SMTP see signUpDirectly. `origin` is this server's origin, for the links in e-mails.
 */
export async function signUp(input: SignUpInput, options: { origin: string; now?: Date } = { origin: "" }): Promise<SignUpOutcome> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", zodFieldErrors(parsed.error));
  const data = parsed.data;
  const db = await getDb();
  // The workspace address is public in every URL; telling that it is taken reveals nothing about people.
  if (await db.prisma.workspace.count({ where: { slug: data.slug } })) {
    throw new AppError("conflict", `The address "${data.slug}" is taken. Choose another.`, { slug: "This address is taken." });
  }
  if (isMailConfigured()) return requestSignUpByMail(db, data, options.origin, options.now ?? new Date());
  return signUpDirectly(db, data);
}
