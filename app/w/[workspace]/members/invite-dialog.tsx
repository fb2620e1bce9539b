"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { inviteMemberAction, type IssuedLink } from "./actions";

/** "Invite" button and dialog: email and role. Nobody joins until they open the link and accept. */
export function InviteDialog({ workspace, onIssued }: { workspace: string; onIssued: (issued: IssuedLink) => void }) {
  const [role, setRole] = useState<Role>("viewer");
  return (
    <FormDialog
      trigger={
        <Button>
          <UserPlus aria-hidden className="size-4" />
          Invite
        </Button>
      }
      title="Invite someone"
      description="They get a one-time link, valid for 7 days. They join this workspace with the role you choose only when they accept."
      submitLabel="Create invitation"
      pendingLabel="Creating the invitation…"
      submit={(form) => inviteMemberAction({ workspace, email: String(form.get("email") ?? ""), role })}
      onDone={onIssued}
      onReset={() => setRole("viewer")}
    >
      {({ fieldErrors }) => (
        <>
          <Field name="email" label="Email" error={fieldErrors.email}>
            {(c) => <Input {...c} type="email" autoComplete="off" required autoFocus placeholder="colleague@company.com" />}
          </Field>
          <Field name="role" label="Role" error={fieldErrors.role} hint={ROLE_DESCRIPTIONS[role]}>
            {(c) => (
              <Select {...c} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </>
      )}
    </FormDialog>
  );
}
