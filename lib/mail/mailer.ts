import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";

/**
 * Outgoing e-mail, only when SMTP is configured. `SMTP_URL` (e.g. smtps://user:pass@smtp.example.com:465)
 * names the server and `SMTP_FROM` the sender (default "Segmenta <no-reply@localhost>"). Without
 * SMTP_URL nothing is sent: callers check `isMailConfigured()` and tell the person what to do
 * instead (copy a link, ask an admin), never pretend a message went out.
 */
const mailEnvSchema = z.object({
  SMTP_URL: z.string().trim().url().optional().or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().trim().min(3).optional().or(z.literal("").transform(() => undefined)),
});

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text; every message is readable without HTML. */
  text: string;
}

const holder = globalThis as unknown as { __segmentaMailer?: { url: string; transporter: Transporter } };

function mailEnv() {
  return mailEnvSchema.parse({ SMTP_URL: process.env.SMTP_URL, SMTP_FROM: process.env.SMTP_FROM });
}

/** Whether SMTP is configured, so links can be e-mailed. */
export function isMailConfigured(): boolean {
  return Boolean(mailEnv().SMTP_URL);
}

function transporterFor(url: string): Transporter {
  if (holder.__segmentaMailer?.url !== url) holder.__segmentaMailer = { url, transporter: nodemailer.createTransport(url) };
  return holder.__segmentaMailer.transporter;
}

/**
 * Sends a message through the configured SMTP server; answers false (and logs why) when it could not,
 * so a caller can say "the e-mail could not be sent; copy the link instead". Throws when SMTP is not
 * configured: callers check isMailConfigured() first.
 */
export async function sendMail(message: MailMessage): Promise<boolean> {
  const env = mailEnv();
  if (!env.SMTP_URL) throw new Error("sendMail called without SMTP_URL: check isMailConfigured() first.");
  try {
    await transporterFor(env.SMTP_URL).sendMail({ from: env.SMTP_FROM ?? "Segmenta <no-reply@localhost>", to: message.to, subject: message.subject, text: message.text });
    return true;
  } catch (e) {
    console.error(`E-mail to ${message.to} could not be sent:`, e);
    return false;
  }
}
