import { z } from "zod";
import { roleSchema } from "@/lib/workspaces/schemas";

export const memberIdSchema = z.uuid("Unknown member.");

export const changeMemberRoleSchema = z.object({ userId: memberIdSchema, role: roleSchema });
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

export const removeMemberSchema = z.object({ userId: memberIdSchema });
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;
