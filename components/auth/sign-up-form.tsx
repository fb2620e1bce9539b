"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signUpAction } from "@/app/signup/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { suggestSlug } from "@/lib/auth/slug";
import { useTimeZones } from "./time-zones";

type Step = "idle" | "creating" | "signing-in";

/** Sign-up: account and first workspace (address suggested from its name), then signs in and opens it. */
export function SignUpForm() {
  const router = useRouter();
  const { browserZone, zones } = useTimeZones();
  const [workspaceName, setWorkspaceName] = useState("");
  const [editedSlug, setEditedSlug] = useState<string | null>(null);
  const [chosenZone, setChosenZone] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<React.ReactNode>(null);
  const [step, setStep] = useState<Step>("idle");
  const [inbox, setInbox] = useState<string | null>(null);

  const slug = editedSlug ?? suggestSlug(workspaceName);
  const timeZone = chosenZone ?? browserZone;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setError(null);
    setFieldErrors({});
    setStep("creating");
    try {
      const result = await signUpAction({ name: String(form.get("name") ?? ""), email, password, workspaceName, slug, timeZone });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.error);
        setStep("idle");
        return;
      }
      if (result.data.status === "check-inbox") {
        setInbox(result.data.email);
        setStep("idle");
        return;
      }
      setStep("signing-in");
      const signedIn = await signIn("credentials", { email, password, redirect: false });
      if (!signedIn?.ok || signedIn.error) {
        setError(
          <>
            Your workspace was created, but signing in failed ({signedIn?.error ?? "no answer"}).{" "}
            <Link href={`/login?callbackUrl=${encodeURIComponent(`/w/${result.data.slug}`)}`} className="font-medium underline">
              Sign in
            </Link>
            .
          </>,
        );
        setStep("idle");
        return;
      }
      router.push(`/w/${result.data.slug}`);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setStep("idle");
    }
  }

  const pending = step !== "idle";
  if (inbox) {
    return (
      <Alert variant="success" title="Check your inbox">
        We sent a message to {inbox}. Open the link in it within 24 hours to finish; if you already have an account, the message tells you how to sign in.
        If nothing arrives in a few minutes, check your spam folder.
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {error && (
        <Alert variant="error" title="Could not create your workspace">
          {error}
        </Alert>
      )}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">You</legend>
        <Field name="name" label="Your name" error={fieldErrors.name}>
          {(c) => <Input {...c} autoComplete="name" required autoFocus />}
        </Field>
        <Field name="email" label="Work email" error={fieldErrors.email}>
          {(c) => <Input {...c} type="email" autoComplete="email" required placeholder="you@company.com" />}
        </Field>
        <Field name="password" label="Password" error={fieldErrors.password} hint="At least 8 characters.">
          {(c) => <Input {...c} type="password" autoComplete="new-password" required minLength={8} />}
        </Field>
      </fieldset>
      <hr className="border-slate-200" />
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Your workspace</legend>
        <Field name="workspaceName" label="Workspace name" error={fieldErrors.workspaceName}>
          {(c) => <Input {...c} value={workspaceName} onChange={(e) => setWorkspaceName(e.target.value)} required placeholder="Acme Marketing" />}
        </Field>
        <Field name="slug" label="Workspace address" error={fieldErrors.slug} hint="Lower-case letters, digits and dashes. Suggested from the name; you can change it.">
          {(c) => (
            <div className="flex">
              <span className="inline-flex items-center rounded-l-md border border-r-0 border-slate-300 bg-slate-50 px-3 text-sm text-slate-500">/w/</span>
              <Input
                {...c}
                value={slug}
                onChange={(e) => setEditedSlug(e.target.value.toLowerCase())}
                required
                spellCheck={false}
                autoCapitalize="none"
                className="rounded-l-none"
                placeholder="acme-marketing"
              />
            </div>
          )}
        </Field>
        <Field name="timeZone" label="Time zone" error={fieldErrors.timeZone} hint="Used for “today” and date ranges in segments and dashboards.">
          {(c) => (
            <Select {...c} value={timeZone} onChange={(e) => setChosenZone(e.target.value)}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </fieldset>
      <Button type="submit" pending={pending} className="w-full">
        {step === "creating" ? "Creating your workspace…" : step === "signing-in" ? "Signing you in…" : "Create account and workspace"}
      </Button>
    </form>
  );
}
