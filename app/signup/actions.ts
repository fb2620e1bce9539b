"use server";

import { toActionFailure } from "@/lib/auth/errors";
import { confirmSignUp } from "@/lib/auth/sign-up-confirm";
import { signUp, type SignUpInput } from "@/lib/auth/sign-up";
import type { ActionResult } from "@/lib/errors";
import { appOrigin } from "@/lib/invitations/mail";

/** What the sign-up form does next: sign in and open the workspace, or tell the person to check their inbox. */
export type SignUpAnswer = { status: "created"; slug: string } | { status: "check-inbox"; email: string };

/** Signs up (see lib/auth/sign-up.ts): the answer never tells whether the email is registered. */
export async function signUpAction(input: SignUpInput): Promise<ActionResult<SignUpAnswer>> {
  try {
    const outcome = await signUp(input, { origin: await appOrigin() });
    return { ok: true, data: outcome.status === "created" ? { status: "created", slug: outcome.slug } : outcome };
  } catch (e) {
    return toActionFailure(e, "Sign-up");
  }
}

/** Opens a sign-up confirmation link: creates the account and the workspace. */
export async function confirmSignUpAction(input: { token: string }): Promise<ActionResult<{ email: string; slug: string }>> {
  try {
    return { ok: true, data: await confirmSignUp(String(input?.token ?? "")) };
  } catch (e) {
    return toActionFailure(e, "Confirming a sign-up");
  }
}
