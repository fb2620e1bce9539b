"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { confirmSignUpAction } from "../../actions";

/** Creates the account and workspace from the stored sign-up, then offers sign-in into the new workspace. */
export function ConfirmSignUpButton({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ email: string; slug: string } | null>(null);
  const [pending, startTransition] = useTransition();

  if (done) {
    return (
      <div className="space-y-5">
        <Alert variant="success" title="Your account and workspace are ready">
          Sign in as {done.email} with the password you chose.
        </Alert>
        <Link href={`/login?callbackUrl=${encodeURIComponent(`/w/${done.slug}`)}`} className={buttonClasses({ className: "w-full" })}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {error && <Alert variant="error">{error}</Alert>}
      <Button
        className="w-full"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await confirmSignUpAction({ token }).catch(() => ({ ok: false as const, error: "Could not reach the server. Nothing was changed; try again." }));
            if (result.ok) setDone(result.data);
            else setError(result.error);
          })
        }
      >
        {pending ? "Creating…" : "Create my account and workspace"}
      </Button>
    </div>
  );
}
