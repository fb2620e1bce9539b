import type { InvitationState } from "./types";

/** Why a link cannot be used, worded for whoever opened it; null when it is open. */
export function unusableMessage(state: InvitationState | "unknown", workspaceName?: string): string | null {
  const who = workspaceName ? `an admin of ${workspaceName}` : "the person who invited you";
  switch (state) {
    case "open":
      return null;
    case "expired":
      return `This invitation has expired. Ask ${who} to send you a new one.`;
    case "revoked":
      return `This invitation was withdrawn. Ask ${who} if you still need access.`;
    case "accepted":
      return "This invitation has already been used. Sign in to open the workspace.";
    case "unknown":
      return "This invitation link is not valid. It may have been replaced by a newer link: use the latest one you received, or ask for a new one.";
  }
}

/** The answer when an account cannot be created from an invitation (the same whether or not the address has one). */
export const ACCOUNT_NOT_CREATED =
  "Your account could not be created with these details. If you already have a Segmenta account, sign in to accept the invitation.";
