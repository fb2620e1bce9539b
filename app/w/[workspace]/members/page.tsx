import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireContext } from "@/lib/auth/context";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { listPendingInvitations } from "@/lib/invitations/queries";
import { isMailConfigured } from "@/lib/mail/mailer";
import { listMembers } from "@/lib/members/queries";
import { MembersManager, type MemberView } from "./members-manager";
import type { InvitationView } from "./pending-invitations";

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

/** "in 6 days", "in 5 hours", "in 12 minutes": when a pending invitation stops working. */
function expiresIn(expiresAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
  if (minutes >= 48 * 60) return relative.format(Math.round(minutes / (24 * 60)), "day");
  if (minutes >= 90) return relative.format(Math.round(minutes / 60), "hour");
  return relative.format(minutes, "minute");
}

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "members.manage");
  const now = new Date();
  const [members, pending] = await Promise.all([listMembers(ctx), listPendingInvitations(ctx, now)]);
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
  const invitations: InvitationView[] = pending.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    invitedBy: i.invitedBy,
    expires: expiresIn(i.expiresAt, now),
    expiresIso: i.expiresAt.toISOString(),
    status: i.status,
  }));

  return (
    <div className="space-y-8">
      <MembersManager workspace={ctx.workspaceSlug} workspaceName={ctx.workspaceName} members={rows} invitations={invitations} mailConfigured={isMailConfigured()} />
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
