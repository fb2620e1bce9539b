"use client";

import { signIn } from "next-auth/react";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type FieldErrors = Partial<Record<"email" | "password", string>>;

/** next-auth's error for a wrong email or password; any other error text is ours (e.g. the rate limit). */
function signInErrorMessage(error: string): string {
  if (error === "CredentialsSignin") return "Incorrect email or password.";
  return error;
}

/** Email + password sign-in; on success loads `callbackPath` (already checked to be a local path). */
export function SignInForm({ callbackPath, initialError, signedOut }: { callbackPath: string; initialError?: string; signedOut?: boolean }) {
  const [error, setError] = useState(initialError);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const errors: FieldErrors = {};
    if (!email) errors.email = "Enter your email address.";
    if (!password) errors.password = "Enter your password.";
    setFieldErrors(errors);
    setError(undefined);
    if (errors.email || errors.password) return;

    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(signInErrorMessage(result?.error ?? "Sign-in failed. Try again."));
        if (passwordRef.current) {
          passwordRef.current.value = "";
          passwordRef.current.focus();
        }
        setPending(false);
        return;
      }
      // A full load so every server component sees the new session.
      window.location.assign(callbackPath);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {signedOut && !error && <Alert variant="success">You have been signed out.</Alert>}
      {error && (
        <Alert variant="error" title="Could not sign you in">
          {error}
        </Alert>
      )}
      <Field name="email" label="Email" error={fieldErrors.email}>
        {(control) => <Input {...control} type="email" autoComplete="email" autoFocus required placeholder="you@company.com" />}
      </Field>
      <Field name="password" label="Password" error={fieldErrors.password}>
        {(control) => <Input {...control} ref={passwordRef} type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
