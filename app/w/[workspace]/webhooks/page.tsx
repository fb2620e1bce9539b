import type { Metadata } from "next";
import { WebhooksManager, type EndpointView } from "@/components/webhooks/webhooks-manager";
import { requireContext } from "@/lib/auth/context";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { listWebhookSegments } from "@/lib/webhooks/segments";
import { eventsWords, segmentsWords, timeFormatter } from "./words";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "webhooks.manage");
  const [endpoints, segments] = await Promise.all([listWebhookEndpoints(ctx), listWebhookSegments(ctx)]);
  const names = new Map(segments.map((s) => [s.id, s.name]));
  const time = timeFormatter(ctx.timeZone);
  const views: EndpointView[] = endpoints.map((e) => ({
    id: e.id,
    url: e.url,
    description: e.description,
    events: eventsWords(e),
    segments: segmentsWords(e, names),
    enabled: e.enabled,
    disabledReason: e.enabled ? null : e.disabledReason ?? "Disabled.",
    failingSince: e.failingSince ? time.format(e.failingSince) : null,
  }));
  return <WebhooksManager workspace={ctx.workspaceSlug} endpoints={views} segments={segments} />;
}
