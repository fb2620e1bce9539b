import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { ConfirmSignUpButton } from "./confirm-button";

export const metadata: Metadata = { title: "Confirm your sign-up", referrer: "no-referrer" };

// Confirming takes a click, not the page load, so mail scanners that open links do not use it up.
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthShell title="Confirm your sign-up" subtitle="Your address is confirmed by this link. Create your account and workspace to finish.">
      <ConfirmSignUpButton token={token} />
    </AuthShell>
  );
}
