import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireContext } from "@/lib/auth/context";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members/queries";
import { MembersManager, type MemberView } from "./members-manager";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "members.manage");
  const members = await listMembers(ctx);
  const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: ctx.timeZone });
  const rows: MemberView[] = members.map((m) => ({
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    joined: dateFormat.format(m.joinedAt),
    joinedIso: m.joinedAt.toISOString(),
    isSelf: m.userId === ctx.userId,
  }));

  return (
    <div className="space-y-8">
      <MembersManager workspace={ctx.workspaceSlug} workspaceName={ctx.workspaceName} members={rows} />
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="text-sm font-semibold text-slate-900">
          What each role can do
        </h2>
        <Card className="mt-3">
          <dl className="divide-y divide-slate-100">
            {ROLES.map((role) => (
              <div key={role} className="grid gap-1 px-5 py-3 sm:grid-cols-[8rem_1fr]">
                <dt className="text-sm font-medium text-slate-900">{ROLE_LABELS[role]}</dt>
                <dd className="text-sm text-slate-600">{ROLE_DESCRIPTIONS[role]}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </section>
    </div>
  );
}
