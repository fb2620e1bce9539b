"use client";

import { Link2, Send, XCircle } from "lucide-react";
import { useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { resendInvitationAction, revokeInvitationAction } from "./actions";
import type { ShownLink } from "./issued-link-panel";
import type { Notice } from "./members-manager";

/** A pending invitation as the members page shows it (times already worded). */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  expires: string;
  expiresIso: string;
  status: "pending" | "expired";
}

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

function InvitationRow({
  workspace,
  invitation,
  mailConfigured,
  onIssued,
  onNotice,
}: {
  workspace: string;
  invitation: InvitationView;
  mailConfigured: boolean;
  onIssued: (issued: ShownLink) => void;
  onNotice: (notice: Notice) => void;
}) {
  const [pending, startTransition] = useTransition();

  function renew(copy: boolean) {
    startTransition(async () => {
      const result = await resendInvitationAction({ workspace, invitationId: invitation.id }).catch(() => UNREACHABLE);
      if (!result.ok) {
        onNotice({ variant: "error", text: result.error });
        return;
      }
      const copied = copy ? await navigator.clipboard.writeText(result.data.link).then(() => true, () => false) : false;
      onIssued({ ...result.data, copied });
    });
  }

  async function revoke(): Promise<string | void> {
    const result = await revokeInvitationAction({ workspace, invitationId: invitation.id }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    onNotice({ variant: "success", text: `Revoked the invitation for ${result.data.email}: its link no longer works.` });
  }

  return (
    <TR>
      <TD>
        <span className="block truncate font-medium text-slate-900">{invitation.email}</span>
        <span className="mt-0.5 block text-xs text-slate-500 sm:hidden">
          {ROLE_LABELS[invitation.role]} · {invitation.status === "expired" ? "expired" : `expires ${invitation.expires}`}
        </span>
      </TD>
      <TD className="hidden sm:table-cell">{ROLE_LABELS[invitation.role]}</TD>
      <TD className="hidden md:table-cell">{invitation.invitedBy ?? "A former member"}</TD>
      <TD className="hidden whitespace-nowrap sm:table-cell">
        {invitation.status === "expired" ? (
          <Badge variant="warning">Expired</Badge>
        ) : (
          <span className="flex items-center gap-2">
            <Badge variant="brand">Pending</Badge>
            <time dateTime={invitation.expiresIso} className="text-slate-600">
              expires {invitation.expires}
            </time>
          </span>
        )}
      </TD>
      <TD>
        <div className="flex flex-wrap justify-end gap-1">
          <Button variant="ghost" size="sm" pending={pending} onClick={() => renew(true)} aria-label={`Copy a new link for ${invitation.email}`} title="Only the link's fingerprint is stored, so this issues a new link; earlier links stop working.">
            {!pending && <Link2 aria-hidden className="size-4" />}
            <span className="hidden lg:inline">Copy new link</span>
          </Button>
          {mailConfigured && (
            <Button variant="ghost" size="sm" disabled={pending} onClick={() => renew(false)} aria-label={`Resend the invitation to ${invitation.email}`}>
              <Send aria-hidden className="size-4" />
              <span className="hidden lg:inline">Resend</span>
            </Button>
          )}
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" disabled={pending} aria-label={`Revoke the invitation for ${invitation.email}`} className="text-red-700 hover:bg-red-50 hover:text-red-800">
                <XCircle aria-hidden className="size-4" />
                <span className="hidden lg:inline">Revoke</span>
              </Button>
            }
            title={`Revoke the invitation for ${invitation.email}?`}
            description="Its link stops working at once. You can invite this address again later."
            confirmLabel="Revoke invitation"
            onConfirm={revoke}
          />
        </div>
      </TD>
    </TR>
  );
}

/** Pending invitations with Copy new link, Resend (with SMTP) and Revoke. */
export function PendingInvitations({
  workspace,
  invitations,
  mailConfigured,
  onIssued,
  onNotice,
}: {
  workspace: string;
  invitations: InvitationView[];
  mailConfigured: boolean;
  onIssued: (issued: ShownLink) => void;
  onNotice: (notice: Notice) => void;
}) {
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <div>
        <h2 id="invitations-heading" className="text-sm font-semibold text-slate-900">
          Pending invitations
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          {invitations.length === 0
            ? "No invitations are waiting. Invite someone to give them a link to join."
            : `Only a fingerprint of each link is stored, so "Copy new link" issues a fresh link and the earlier one stops working.${
                mailConfigured ? " Resend e-mails a fresh link." : ""
              }`}
        </p>
      </div>
      {invitations.length > 0 && (
        <Card className="overflow-hidden">
          <Table>
            <caption className="sr-only">Pending invitations</caption>
            <THead>
              <tr>
                <TH>Email</TH>
                <TH className="hidden sm:table-cell">Role</TH>
                <TH className="hidden md:table-cell">Invited by</TH>
                <TH className="hidden sm:table-cell">Status</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {invitations.map((invitation) => (
                <InvitationRow key={invitation.id} workspace={workspace} invitation={invitation} mailConfigured={mailConfigured} onIssued={onIssued} onNotice={onNotice} />
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </section>
  );
}
