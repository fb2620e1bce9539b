import "server-only";
import { headers } from "next/headers";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { isMailConfigured, sendMail } from "@/lib/mail/mailer";
import type { IssuedInvitation } from "./types";

/** How a link was delivered: e-mailed, e-mail failed, or no SMTP on this server (copy it yourself). */
export type Delivery = "sent" | "failed" | "not_configured";

/** This server's origin for links: NEXTAUTH_URL when set (the start command sets it), else the request's. */
export async function appOrigin(req?: Request): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) return new URL(configured).origin;
  if (req) return new URL(req.url).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/** The accept page's path for a token. */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/** E-mails an invitation link when SMTP is configured. */
export async function deliverInvitation(issued: IssuedInvitation, link: string, from: { workspaceName: string; inviterName: string }): Promise<Delivery> {
  if (!isMailConfigured()) return "not_configured";
  const days = Math.round((issued.expiresAt.getTime() - Date.now()) / 86_400_000);
  const sent = await sendMail({
    to: issued.email,
    subject: `${from.inviterName} invited you to ${from.workspaceName} on Segmenta`,
    text: [
      `${from.inviterName} invited you to join the workspace "${from.workspaceName}" on Segmenta as ${ROLE_LABELS[issued.role]}.`,
      "",
      `Accept the invitation: ${link}`,
      "",
      `The link works once and expires in ${days} days. If you did not expect this, ignore this message: nothing happens unless you accept.`,
    ].join("\n"),
  });
  return sent ? "sent" : "failed";
}
