"use client";

import { signIn } from "next-auth/react";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "@/app/account/actions";

type FieldName = "currentPassword" | "newPassword" | "confirmPassword";
type Notice = { variant: "success" | "error" | "warning"; text: string };

/**
 * Current password, new one twice. On success every other session is signed out; this browser
 * signs in again with the new password so it stays signed in.
 */
export function ChangePasswordForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    };
    setNotice(null);
    setFieldErrors({});
    setPending(true);
    try {
      const result = await changePasswordAction(input);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setNotice({ variant: "error", text: result.error });
        return;
      }
      formRef.current?.reset();
      // Our own token carries the old session version now: sign this browser in again with the new password.
      const again = await signIn("credentials", { email: result.data.email, password: input.newPassword, redirect: false });
      if (!again || again.error || !again.ok) {
        setNotice({ variant: "warning", text: "Your password was changed and every session was signed out, including this one. Sign in again with the new password." });
        return;
      }
      setNotice({ variant: "success", text: "Password changed. You stay signed in here; every other session has been signed out." });
    } catch {
      setNotice({ variant: "error", text: "Could not reach the server. Your password was not changed; try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5" aria-label="Change password">
      {notice && (
        <Alert variant={notice.variant} title={notice.variant === "error" ? "Password not changed" : undefined}>
          {notice.text}
          {notice.variant === "warning" && (
            <>
              {" "}
              <a href="/login?callbackUrl=%2Faccount" className="font-medium underline">
                Sign in
              </a>
            </>
          )}
        </Alert>
      )}
      <Field name="currentPassword" label="Current password" error={fieldErrors.currentPassword}>
        {(control) => <Input {...control} type="password" autoComplete="current-password" required />}
      </Field>
      <Field name="newPassword" label="New password" hint="At least 8 characters." error={fieldErrors.newPassword}>
        {(control) => <Input {...control} type="password" autoComplete="new-password" required minLength={8} />}
      </Field>
      <Field name="confirmPassword" label="New password again" error={fieldErrors.confirmPassword}>
        {(control) => <Input {...control} type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
