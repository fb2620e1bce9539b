"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { forgotPasswordAction } from "@/app/forgot-password/actions";


/** Asks for a reset link by e-mail; the answer never tells whether the address has an account. */
export function ForgotPasswordForm() {
  const [emailError, setEmailError] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ variant: "success" | "error" | "warning"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setNotice(null);
    setEmailError(email ? undefined : "Enter your email address.");
    if (!email) return;
    setPending(true);
    try {
      const result = await forgotPasswordAction({ email });
      if (!result.ok) {
        setEmailError(result.fieldErrors?.email);
        setNotice({ variant: "error", text: result.error });
      } else if (result.data.status === "accepted") {
        setNotice({ variant: "success", text: "If an account exists for that address, we've sent a link to set a new password. It works once, for one hour." });
      } else if (result.data.status === "rate_limited") {
        const m = result.data.retryAfterMinutes;
        setNotice({ variant: "error", text: `Too many reset requests. Try again in ${m} minute${m === 1 ? "" : "s"}.` });
      } else {
        setNotice({ variant: "warning", text: "E-mail is not set up on this server: ask an admin of your workspace for a reset link." });
      }
    } catch {
      setNotice({ variant: "error", text: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {notice && <Alert variant={notice.variant}>{notice.text}</Alert>}
      <Field name="email" label="Email" error={emailError}>
        {(control) => <Input {...control} type="email" autoComplete="email" autoFocus required placeholder="you@company.com" />}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Sending…" : "Send me a reset link"}
      </Button>
    </form>
  );
}
