"use client";

import { useState } from "react";
import { Alert, type AlertVariant } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Table, TBody, TH, THead } from "@/components/ui/table";
import type { Role } from "@/lib/auth/permissions";
import { InviteDialog } from "./invite-dialog";
import { IssuedLinkPanel, type ShownLink } from "./issued-link-panel";
import { MemberTableRow } from "./member-table-row";
import { PendingInvitations, type InvitationView } from "./pending-invitations";

/** A member as the members page shows it (dates already formatted in the workspace's time zone). */
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joined: string;
  joinedIso: string;
  isSelf: boolean;
}

/** A message shown above the members table after an action. */
export interface Notice {
  variant: AlertVariant;
  text: string;
}

/** The members page's interactive part: heading with "Invite", the link just issued, notices, members and pending invitations. */
export function MembersManager({
  workspace,
  workspaceName,
  members,
  invitations,
  mailConfigured,
}: {
  workspace: string;
  workspaceName: string;
  members: MemberView[];
  invitations: InvitationView[];
  mailConfigured: boolean;
}) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [issued, setIssued] = useState<(ShownLink & { key: number }) | null>(null);
  const adminCount = members.filter((m) => m.role === "admin").length;

  function showIssued(link: ShownLink) {
    setNotice(null);
    setIssued({ ...link, key: Date.now() });
  }

  function showNotice(next: Notice) {
    setIssued(null);
    setNotice(next);
  }

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Members</h1>
          <p className="mt-1 text-sm text-slate-500">
            People who can open {workspaceName}, and what their role lets them do. {members.length} {members.length === 1 ? "member" : "members"}.
          </p>
        </div>
        <InviteDialog workspace={workspace} onIssued={showIssued} />
      </header>

      {issued && <IssuedLinkPanel key={issued.key} issued={issued} onDismiss={() => setIssued(null)} />}

      {notice && (
        <Alert variant={notice.variant}>
          <div className="flex items-start justify-between gap-4">
            <span>{notice.text}</span>
            <button type="button" onClick={() => setNotice(null)} className="shrink-0 text-xs font-medium underline">
              Dismiss
            </button>
          </div>
        </Alert>
      )}

      <Card className="overflow-hidden">
        <Table>
          <caption className="sr-only">Members of {workspaceName}</caption>
          <THead>
            <tr>
              <TH>Name</TH>
              <TH className="hidden md:table-cell">Email</TH>
              <TH>Role</TH>
              <TH className="hidden sm:table-cell">Joined</TH>
              <TH className="hidden sm:table-cell">
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {members.map((member) => (
              <MemberTableRow
                key={`${member.userId}:${member.role}`}
                workspace={workspace}
                member={member}
                isLastAdmin={member.role === "admin" && adminCount <= 1}
                onNotice={showNotice}
              />
            ))}
          </TBody>
        </Table>
      </Card>

      <PendingInvitations workspace={workspace} invitations={invitations} mailConfigured={mailConfigured} onIssued={showIssued} onNotice={showNotice} />
    </div>
  );
}
