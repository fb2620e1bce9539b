"use client";

import { UserPlus } from "lucide-react";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { inviteMemberAction, type IssuedLink } from "./actions";

/** "Invite" button and dialog: email and role. Nobody joins until they open the link and accept. */
export function InviteDialog({ workspace, onIssued }: { workspace: string; onIssued: (issued: IssuedLink) => void }) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>("viewer");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function reset() {
    setRole("viewer");
    setError(null);
    setFieldErrors({});
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { workspace, email: String(form.get("email") ?? ""), role };
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await inviteMemberAction(input).catch(() => ({ ok: false as const, error: "Could not reach the server. Nothing was changed; try again.", fieldErrors: undefined }));
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      onIssued(result.data);
      setOpen(false);
      reset();
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden className="size-4" />
          Invite
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Invite someone</DialogTitle>
        <DialogDescription>
          They get a one-time link, valid for 7 days. They join this workspace with the role you choose only when they accept.
        </DialogDescription>
        <form onSubmit={submit} noValidate className="mt-5 space-y-4">
          {error && <Alert variant="error">{error}</Alert>}
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
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" pending={pending}>
              {pending ? "Creating the invitation…" : "Create invitation"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
