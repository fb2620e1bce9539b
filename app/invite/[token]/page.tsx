import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { roleWithArticle } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { unusableMessage } from "@/lib/invitations/messages";
import { getInvitationByToken } from "@/lib/invitations/queries";
import { CreateAccountForm, JoinButton, SignOutButton } from "./accept-forms";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitationByToken(token);
  const here = `/invite/${token}`;

  if (!invitation || invitation.state !== "open") {
    const message = unusableMessage(invitation?.state ?? "unknown", invitation?.workspaceName);
    return (
      <AuthShell title="This invitation can't be used">
        <Alert variant="warning">{message}</Alert>
        <p className="mt-6 text-sm text-slate-600">
          <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
            Go to sign-in
          </Link>
        </p>
      </AuthShell>
    );
  }

  const user = await getSessionUser();
  const who = invitation.invitedBy ? `${invitation.invitedBy} invited` : "You are invited:";
  const subtitle = (
    <>
      {who} <span className="font-medium text-slate-900">{invitation.email}</span> to join <span className="font-medium text-slate-900">{invitation.workspaceName}</span> as{" "}
      {roleWithArticle(invitation.role)}.
    </>
  );
  const title = `Join ${invitation.workspaceName}`;

  if (user && user.email === invitation.email) {
    return (
      <AuthShell title={title} subtitle={subtitle}>
        <JoinButton token={token} workspaceName={invitation.workspaceName} />
      </AuthShell>
    );
  }
  if (user) {
    return (
      <AuthShell title={title} subtitle={subtitle}>
        <Alert variant="warning" title="This invitation is for another address">
          You are signed in as {user.email}, but the invitation is for {invitation.email}. Sign out, then open this link again to accept it with that address.
        </Alert>
        <div className="mt-6">
          <SignOutButton callbackUrl={here} />
        </div>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={title} subtitle={subtitle}>
      <section aria-labelledby="have-account" className="space-y-3">
        <h2 id="have-account" className="text-sm font-semibold text-slate-900">
          Already use Segmenta with this address?
        </h2>
        <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} className={buttonClasses({ variant: "secondary", className: "w-full" })}>
          Sign in to accept
        </Link>
      </section>
      <div className="my-6 flex items-center gap-3 text-xs text-slate-400" aria-hidden>
        <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
      </div>
      <section aria-labelledby="new-account" className="space-y-4">
        <h2 id="new-account" className="text-sm font-semibold text-slate-900">
          Create your account
        </h2>
        <CreateAccountForm token={token} email={invitation.email} />
      </section>
    </AuthShell>
  );
}
