"use client";

import { signIn, signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { acceptInvitationAction, createAccountAndAcceptAction } from "./actions";

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again.", fieldErrors: undefined };

/** "Join <workspace>" for the signed-in invitee. */
export function JoinButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function join() {
    setError(null);
    startTransition(async () => {
      const result = await acceptInvitationAction({ token }).catch(() => UNREACHABLE);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.push(`/w/${result.data.workspaceSlug}`);
    });
  }

  return (
    <div className="space-y-4">
      {error && <Alert variant="error">{error}</Alert>}
      <Button onClick={join} pending={pending} className="w-full">
        {pending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
    </div>
  );
}

/** Signs out and comes back to this invitation. */
export function SignOutButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      pending={pending}
      className="w-full"
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl });
      }}
    >
      Sign out
    </Button>
  );
}

/** Name and password for the invited address (fixed), then signs in and opens the workspace. */
export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<React.ReactNode>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const input = { token, name: String(form.get("name") ?? ""), password };
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await createAccountAndAcceptAction(input).catch(() => UNREACHABLE);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      const path = `/w/${result.data.workspaceSlug}`;
      const signedIn = await signIn("credentials", { email: result.data.email, password, redirect: false });
      if (!signedIn?.ok || signedIn.error) {
        setError(
          <>
            You joined, but signing in failed.{" "}
            <Link href={`/login?callbackUrl=${encodeURIComponent(path)}`} className="font-medium underline">
              Sign in
            </Link>
            .
          </>,
        );
        return;
      }
      router.push(path);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert variant="error">{error}</Alert>}
      <Field name="invited-email" label="Email" hint="The invitation is for this address.">
        {(c) => <Input {...c} type="email" value={email} readOnly autoComplete="username" className="bg-slate-50 text-slate-600" />}
      </Field>
      <Field name="name" label="Your name" error={fieldErrors.name}>
        {(c) => <Input {...c} autoComplete="name" required />}
      </Field>
      <Field name="password" label="Password" error={fieldErrors.password} hint="At least 8 characters.">
        {(c) => <Input {...c} type="password" autoComplete="new-password" required minLength={8} />}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}
