"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/action";
import { addMember, changeMemberRole, removeMember } from "@/lib/members/mutations";
import { addMemberSchema, changeMemberRoleSchema, removeMemberSchema } from "@/lib/members/schemas";

/** Adds a member by email (creating the account when new). */
export const addMemberAction = workspaceAction({
  permission: "members.manage",
  schema: addMemberSchema,
  handler: async (ctx, input) => {
    const { createdUser } = await addMember(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/members`);
    return { email: input.email, role: input.role, createdUser };
  },
});

/** Changes a member's role; changing your own role sends you on (you may lose this page). */
export const changeMemberRoleAction = workspaceAction({
  permission: "members.manage",
  schema: changeMemberRoleSchema,
  handler: async (ctx, input) => {
    const { changed } = await changeMemberRole(ctx, input);
    const self = input.userId === ctx.userId;
    if (!self) revalidatePath(`/w/${ctx.workspaceSlug}/members`);
    return { changed, self };
  },
});

/** Removes a member; removing yourself leaves the workspace. */
export const removeMemberAction = workspaceAction({
  permission: "members.manage",
  schema: removeMemberSchema,
  handler: async (ctx, input) => {
    const { removedSelf } = await removeMember(ctx, input);
    if (!removedSelf) revalidatePath(`/w/${ctx.workspaceSlug}/members`);
    return { removedSelf };
  },
});
