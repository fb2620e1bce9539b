import { z } from "zod";
import { emailSchema, passwordSchema, roleSchema } from "@/lib/workspaces/schemas";

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

export const memberIdSchema = z.uuid("Unknown member.");

export const addMemberSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  /** Used only when the email has no account yet. */
  name: z.string().max(100, "Use at most 100 characters.").optional().transform((v) => blankToUndefined(v)?.trim()),
  /** Required only when the email has no account yet; an existing account keeps its password. */
  password: z.string().optional().transform(blankToUndefined).pipe(passwordSchema.optional()),
});
export type AddMemberInput = z.input<typeof addMemberSchema>;

export const changeMemberRoleSchema = z.object({ userId: memberIdSchema, role: roleSchema });
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

export const removeMemberSchema = z.object({ userId: memberIdSchema });
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;
