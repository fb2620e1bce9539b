import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/context";
import { safeCallbackPath } from "@/lib/auth/paths";
import { isMailConfigured } from "@/lib/mail/mailer";

export const metadata: Metadata = { title: "Sign in" };

const searchSchema = z.object({
  callbackUrl: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  signedOut: z.string().optional().catch(undefined),
});

// Only known codes are shown from the URL: a link must not be able to put its own words on this page.
const URL_ERRORS: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password.",
  SessionRequired: "Sign in to continue.",
  Configuration: "Sign-in is not configured correctly on this server. Ask your administrator.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = searchSchema.parse(await searchParams);
  const callbackPath = safeCallbackPath(search.callbackUrl);
  if (await getSessionUser()) redirect(callbackPath);

  const urlError = search.error ? (URL_ERRORS[search.error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <AuthShell
      title="Sign in to Segmenta"
      subtitle={callbackPath === "/" ? "Welcome back." : "Sign in to continue where you were."}
      footer={
        <>
          New to Segmenta?{" "}
          <Link href="/signup" className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
            Create an account and workspace
          </Link>
        </>
      }
    >
      <SignInForm callbackPath={callbackPath} initialError={urlError} signedOut={search.signedOut === "1"} />
      <p className="mt-5 text-center text-sm text-slate-600">
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
          Forgot your password?
        </Link>
        {!isMailConfigured() && <span className="mt-1 block text-xs text-slate-500">E-mail is not set up on this server: ask an admin of your workspace for a reset link.</span>}
      </p>
    </AuthShell>
  );
}
