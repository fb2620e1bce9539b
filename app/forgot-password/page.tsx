import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { Alert } from "@/components/ui/alert";
import { isMailConfigured } from "@/lib/mail/mailer";

export const metadata: Metadata = { title: "Forgot password" };

const NO_MAIL = "E-mail is not set up on this server: ask an admin of your workspace for a reset link.";

/** Self-service password reset by e-mail, or, without SMTP, what to do instead. */
export default async function ForgotPasswordPage() {
  await connection();
  const mail = isMailConfigured();
  return (
    <AuthShell
      title="Forgot your password?"
      subtitle={mail ? "We'll e-mail you a link to set a new one." : undefined}
      footer={
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
          Back to sign-in
        </Link>
      }
    >
      {mail ? (
        <ForgotPasswordForm />
      ) : (
        <Alert variant="info" title="Ask an admin for a reset link">
          {NO_MAIL} Admins find &ldquo;Reset link&rdquo; next to each member on the workspace&rsquo;s Members page.
        </Alert>
      )}
    </AuthShell>
  );
}
