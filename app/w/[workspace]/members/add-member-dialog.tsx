"use client";

import { UserPlus } from "lucide-react";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, roleWithArticle, ROLES, type Role } from "@/lib/auth/permissions";
import { addMemberAction } from "./actions";
import type { Notice } from "./members-manager";

function addedMessage(email: string, role: Role, createdUser: boolean): string {
  const as = roleWithArticle(role);
  return createdUser
    ? `Added ${email} as ${as}. Their new account uses the initial password you set: share it with them privately.`
    : `Added ${email} as ${as}. They already had a Segmenta account, so they sign in with their own password (the password field was not used).`;
}

/** "Add member" button and dialog: email, role, and a name and initial password for new accounts. */
export function AddMemberDialog({ workspace, onAdded }: { workspace: string; onAdded: (notice: Notice) => void }) {
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
    const input = {
      workspace,
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      role,
    };
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await addMemberAction(input).catch(() => ({ ok: false as const, error: "Could not reach the server. Nothing was changed; try again.", fieldErrors: undefined }));
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      onAdded({ variant: "success", text: addedMessage(result.data.email, result.data.role, result.data.createdUser) });
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
          Add member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Add a member</DialogTitle>
        <DialogDescription>They can sign in right away and see this workspace with the role you choose.</DialogDescription>
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
          <div className="rounded-md border border-slate-200 bg-slate-50/70 p-4">
            <p className="text-sm text-slate-600">
              <span className="font-medium text-slate-900">Only for people new to Segmenta.</span> If this email already has an account, they keep their
              name and password and these fields are ignored.
            </p>
            <div className="mt-4 space-y-4">
              <Field name="name" label="Name" optional error={fieldErrors.name}>
                {(c) => <Input {...c} autoComplete="off" placeholder="Defaults to the part of the email before @" />}
              </Field>
              <Field name="password" label="Initial password" error={fieldErrors.password} hint="At least 8 characters. Required when the account is new.">
                {(c) => <Input {...c} type="password" autoComplete="new-password" />}
              </Field>
            </div>
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" pending={pending}>
              {pending ? "Adding…" : "Add member"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
