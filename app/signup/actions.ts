"use server";

import { toActionFailure } from "@/lib/auth/errors";
import { signUp, type SignUpInput } from "@/lib/auth/sign-up";
import type { ActionResult } from "@/lib/errors";

/** Creates the account and its workspace; the form then signs in with the same credentials. */
export async function signUpAction(input: SignUpInput): Promise<ActionResult<{ slug: string }>> {
  try {
    const { slug } = await signUp(input);
    return { ok: true, data: { slug } };
  } catch (e) {
    return toActionFailure(e, "Sign-up");
  }
}
