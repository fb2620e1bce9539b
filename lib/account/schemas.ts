import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/workspaces/schemas";

const newPasswordPair = {
  newPassword: passwordSchema,
  confirmPassword: z.string().max(200, "Use at most 200 characters."),
};

function samePasswords(value: { newPassword: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (value.newPassword !== value.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords differ: type the same one twice." });
}

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password.").max(200, "Use at most 200 characters."), ...newPasswordPair })
  .superRefine(samePasswords)
  .superRefine((value, ctx) => {
    if (value.currentPassword === value.newPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from the current one." });
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** A reset link's token: 32 random bytes, base64url (43 characters). */
export const resetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is not valid: copy the whole link.");

export const resetPasswordSchema = z.object({ token: resetTokenSchema, ...newPasswordPair }).superRefine(samePasswords);
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

export const issueResetLinkSchema = z.object({ userId: z.uuid("Choose a member.") });

export const forgotPasswordSchema = z.object({ email: emailSchema });
