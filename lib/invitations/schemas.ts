import { z } from "zod";
import { emailSchema, passwordSchema, roleSchema } from "@/lib/workspaces/schemas";
import { TOKEN_PATTERN } from "./tokens";

/** How long an invitation link stays valid after it is created or resent. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const invitationIdSchema = z.uuid("Unknown invitation.");

/** A link's token as it arrives in the URL; anything else is simply not a valid link. */
export const invitationTokenSchema = z.string().regex(TOKEN_PATTERN, "This invitation link is not valid.");

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema });
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;

export const invitationRefSchema = z.object({ invitationId: invitationIdSchema });
export type InvitationRefInput = z.input<typeof invitationRefSchema>;

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema });

/** Creating an account from an invitation: the email is the invitation's, never typed. */
export const acceptWithNewAccountSchema = z.object({
  token: invitationTokenSchema,
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  password: passwordSchema,
});
export type AcceptWithNewAccountInput = z.input<typeof acceptWithNewAccountSchema>;
