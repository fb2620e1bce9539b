/**
 * Connects membership to webhooks: every applied difference writes its messages in the same
 * transaction (enqueueMembershipMessages). Imported by lib/membership/apply.ts, so every process
 * that applies membership changes (the server's runner, `npm run cli -- membership sync`) writes
 * the messages too — a change can never be committed without its messages.
 */
import "server-only";
import { onMembershipChange } from "@/lib/membership/hooks";
import { enqueueMembershipMessages } from "./enqueue";

const holder = globalThis as unknown as { __segmentaWebhookHook?: true };
if (!holder.__segmentaWebhookHook) {
  holder.__segmentaWebhookHook = true;
  onMembershipChange(enqueueMembershipMessages);
}
