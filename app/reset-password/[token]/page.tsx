import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { describeResetToken, resetTokenMessage } from "@/lib/account/mutations";
import { resetTokenSchema } from "@/lib/account/schemas";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };

const TITLES = { unknown: "This link does not work", used: "This link was already used", expired: "This link has expired" } as const;

/** A one-time reset link: the form while the link is good, a plain explanation otherwise. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const parsed = resetTokenSchema.safeParse(token);
  const state = parsed.success ? await describeResetToken(parsed.data) : ({ status: "unknown" } as const);

  if (state.status !== "valid") {
    return (
      <AuthShell
        title={TITLES[state.status]}
        footer={
          <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
            Back to sign-in
          </Link>
        }
      >
        <Alert variant="warning">{resetTokenMessage(state.status)}</Alert>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Set a new password" subtitle={<>For {state.email}. Every session of this account is signed out once it is set.</>}>
      <ResetPasswordForm token={token} email={state.email} />
    </AuthShell>
  );
}
