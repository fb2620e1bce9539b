"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { resetPasswordAction } from "@/app/reset-password/actions";

type FieldName = "newPassword" | "confirmPassword";

/** The new password, twice, for a one-time reset link. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setFieldErrors({});
    setPending(true);
    try {
      const result = await resetPasswordAction({ token, newPassword: String(form.get("newPassword") ?? ""), confirmPassword: String(form.get("confirmPassword") ?? "") });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.error);
        return;
      }
      setDone(true);
    } catch {
      setError("Could not reach the server. Your password was not changed; try again.");
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div className="space-y-5">
        <Alert variant="success" title="Password set">
          Your new password is in place and every session of {email} has been signed out.
        </Alert>
        <Link href="/login" className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
          Sign in with the new password
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {error && (
        <Alert variant="error" title="Password not set">
          {error}
        </Alert>
      )}
      <Field name="newPassword" label="New password" hint="At least 8 characters." error={fieldErrors.newPassword}>
        {(control) => <Input {...control} type="password" autoComplete="new-password" autoFocus required minLength={8} />}
      </Field>
      <Field name="confirmPassword" label="New password again" error={fieldErrors.confirmPassword}>
        {(control) => <Input {...control} type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Setting…" : "Set new password"}
      </Button>
    </form>
  );
}
