"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/select";
import { TD, TR } from "@/components/ui/table";
import { ROLE_LABELS, roleWithArticle, ROLES, type Role } from "@/lib/auth/permissions";
import { changeMemberRoleAction, removeMemberAction } from "./actions";
import type { MemberView, Notice } from "./members-manager";
import { ResetLinkButton } from "./reset-link-button";

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

/** One member: role picker (your own change is confirmed first) and remove with confirmation. */
export function MemberTableRow({
  workspace,
  member,
  isLastAdmin,
  onNotice,
}: {
  workspace: string;
  member: MemberView;
  isLastAdmin: boolean;
  onNotice: (notice: Notice) => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [selectKey, setSelectKey] = useState(0);
  const [selfRole, setSelfRole] = useState<Role | null>(null);
  const who = member.name || member.email;
  const lockedHintId = `last-admin-${member.userId}`;

  async function applyRole(role: Role): Promise<string | void> {
    const result = await changeMemberRoleAction({ workspace, userId: member.userId, role }).catch(() => UNREACHABLE);
    if (!result.ok) {
      setSelectKey((k) => k + 1);
      onNotice({ variant: "error", text: result.error });
      return result.error;
    }
    if (result.data.self) {
      router.push(`/w/${workspace}`);
      return;
    }
    onNotice({ variant: "success", text: `${member.email} is now ${roleWithArticle(role)}.` });
  }

  function onRoleChange(role: Role) {
    if (member.isSelf) {
      setSelfRole(role);
      return;
    }
    startTransition(async () => {
      await applyRole(role);
    });
  }

  async function remove(): Promise<string | void> {
    const result = await removeMemberAction({ workspace, userId: member.userId }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    if (result.data.removedSelf) {
      router.push("/");
      return;
    }
    onNotice({ variant: "success", text: `Removed ${member.email} from this workspace.` });
  }

  // Reset link and remove: their own column from sm up; under the role on a phone, where a fifth
  // column would be cut off.
  const actions = (
    <>
      {!member.isSelf && <ResetLinkButton workspace={workspace} userId={member.userId} who={who} email={member.email} />}
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Remove ${who}`} disabled={isLastAdmin} className="text-red-700 hover:bg-red-50 hover:text-red-800">
            <Trash2 aria-hidden className="size-4" />
            <span>Remove</span>
          </Button>
        }
        title={member.isSelf ? "Leave this workspace?" : `Remove ${who}?`}
        description={
          member.isSelf
            ? "You will lose access to this workspace immediately. Another admin can add you back."
            : `${member.email} will lose access to this workspace. Their Segmenta account is kept, so they can be added back later.`
        }
        confirmLabel={member.isSelf ? "Leave workspace" : "Remove member"}
        onConfirm={remove}
      />
    </>
  );

  return (
    <TR>
      <TD>
        <span className="flex items-center gap-2 font-medium text-slate-900">
          {member.name}
          {member.isSelf && <Badge variant="brand">You</Badge>}
        </span>
        <span className="mt-0.5 block truncate text-xs text-slate-500 md:hidden">{member.email}</span>
      </TD>
      <TD className="hidden md:table-cell">{member.email}</TD>
      <TD>
        <Select
          key={selectKey}
          controlSize="sm"
          className="w-32"
          aria-label={`Role of ${who}`}
          aria-describedby={isLastAdmin ? lockedHintId : undefined}
          defaultValue={member.role}
          disabled={pending || isLastAdmin}
          onChange={(e) => onRoleChange(e.target.value as Role)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
        {isLastAdmin && (
          <p id={lockedHintId} className="mt-1 text-xs text-slate-500">
            Only admin: make someone else an admin first.
          </p>
        )}
        <div className="mt-2 flex flex-wrap gap-1 sm:hidden">{actions}</div>
      </TD>
      <TD className="hidden whitespace-nowrap sm:table-cell">
        <time dateTime={member.joinedIso}>{member.joined}</time>
      </TD>
      <TD className="hidden text-right whitespace-nowrap sm:table-cell">
        {actions}
        <ConfirmDialog
          open={selfRole !== null}
          onOpenChange={(open) => {
            if (!open) {
              setSelfRole(null);
              setSelectKey((k) => k + 1);
            }
          }}
          title="Change your own role?"
          description={
            selfRole
              ? `You will become ${roleWithArticle(selfRole)} and can no longer manage members unless another admin makes you an admin again.`
              : ""
          }
          confirmLabel="Change my role"
          variant="primary"
          onConfirm={() => (selfRole ? applyRole(selfRole) : Promise.resolve())}
        />
      </TD>
    </TR>
  );
}
