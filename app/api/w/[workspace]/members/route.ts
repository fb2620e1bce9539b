import { readJson, workspaceRoute } from "@/lib/auth/route";
import { addMember } from "@/lib/members/mutations";
import { listMembers } from "@/lib/members/queries";
import { addMemberSchema } from "@/lib/members/schemas";

/** The workspace's members (admins only). */
export const GET = workspaceRoute(
  async (ctx) => {
    const members = await listMembers(ctx);
    return Response.json({ members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })) });
  },
  { permission: "members.manage" },
);

/** Adds a member: { email, role, name?, password? } (admins only). */
export const POST = workspaceRoute(
  async (ctx, req) => {
    const input = await readJson(req, addMemberSchema);
    const { userId, createdUser } = await addMember(ctx, input);
    return Response.json({ userId, createdUser }, { status: 201 });
  },
  { permission: "members.manage" },
);
