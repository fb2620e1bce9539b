import "server-only";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { userExists } from "@/lib/auth/queries";
import { AppError } from "@/lib/errors";
import { ACCOUNT_NOT_CREATED, unusableMessage } from "./messages";
import { acceptInvitation, createAccountAndAccept } from "./mutations";
import { getInvitationByToken } from "./queries";
import { acceptWithNewAccountSchema, type AcceptWithNewAccountInput } from "./schemas";
import { requestClientAddress } from "@/lib/http/origin";

/**
 * "Create your account" on the accept page, answered the same way whether or not the invited
 * address already has an account: a new address gets its account; an existing one whose password
 * matches (checked by the sign-in limiter) simply accepts, as after signing in; anything else gets
 * ACCOUNT_NOT_CREATED. Both paths hash or verify a password, so they take about as long.
 */
export async function acceptWithPassword(input: AcceptWithNewAccountInput, now: Date = new Date()): Promise<{ workspaceSlug: string; email: string }> {
  const parsed = acceptWithNewAccountSchema.parse(input);
  const link = await getInvitationByToken(parsed.token, now);
  if (!link) throw new AppError("not_found", unusableMessage("unknown")!);
  const unusable = unusableMessage(link.state, link.workspaceName);
  if (unusable) throw new AppError("conflict", unusable);

  if (!(await userExists(link.email))) {
    const created = await createAccountAndAccept(parsed, now);
    return { workspaceSlug: created.workspaceSlug, email: created.email };
  }
  const user = await authorizeCredentials({ email: link.email, password: parsed.password }, await requestClientAddress().catch(() => null)).catch(async (e: unknown) => {
    if (e instanceof AppError && e.code === "rate_limited") return null;
    throw e;
  });
  if (!user) throw new AppError("invalid", ACCOUNT_NOT_CREATED);
  const accepted = await acceptInvitation(parsed.token, user, now);
  return { workspaceSlug: accepted.workspaceSlug, email: user.email };
}
