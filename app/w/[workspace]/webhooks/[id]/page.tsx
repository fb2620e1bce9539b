import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeliveryLog, type DeliveryView } from "@/components/webhooks/delivery-log";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { getWebhookEndpointOrThrow, listWebhookDeliveries } from "@/lib/webhooks/queries";
import { webhookIdSchema, webhookMessageIdSchema } from "@/lib/webhooks/schemas";
import { listWebhookSegments } from "@/lib/webhooks/segments";
import { eventsWords, segmentsWords, timeFormatter } from "../words";

export const metadata: Metadata = { title: "Webhook endpoint" };

const PAGE = 25;
const searchSchema = z.object({ before: webhookMessageIdSchema.optional().catch(undefined) });

export default async function WebhookEndpointPage({ params, searchParams }: { params: Promise<{ workspace: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspace, id: rawId } = await params;
  const ctx = await requireContext(workspace, "webhooks.manage");
  const id = webhookIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const { before } = searchSchema.parse(await searchParams);
  let endpoint;
  try {
    endpoint = await getWebhookEndpointOrThrow(ctx, id.data);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  const [rows, segments] = await Promise.all([listWebhookDeliveries(ctx, endpoint.id, { beforeId: before ?? null, limit: PAGE }), listWebhookSegments(ctx)]);
  const time = timeFormatter(ctx.timeZone);
  const page = rows.slice(0, PAGE);
  const views: DeliveryView[] = page.map((d) => ({
    id: d.id, type: d.type, state: d.state, attempts: d.attempts, lastStatus: d.lastStatus, lastError: d.lastError,
    duration: d.durationMs !== null ? `${d.durationMs} ms` : null, responseExcerpt: d.responseExcerpt,
    nextAttempt: d.nextAttemptAt ? time.format(d.nextAttemptAt) : null, created: time.format(d.createdAt),
  }));
  const base = `/w/${ctx.workspaceSlug}/webhooks`;
  const older = rows.length > PAGE ? `${base}/${endpoint.id}?before=${page[page.length - 1].id}` : null;
  return (
    <div className="space-y-6">
      <Link href={base} className="text-sm font-medium text-brand-700 underline">
        ← All webhook endpoints
      </Link>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 font-mono text-lg font-semibold break-all text-slate-900">{endpoint.url}</h1>
          {endpoint.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="danger">Disabled</Badge>}
        </div>
        {endpoint.description && <p className="text-sm text-slate-700">{endpoint.description}</p>}
        <p className="text-sm text-slate-500">
          {eventsWords(endpoint)} · {segmentsWords(endpoint, new Map(segments.map((s) => [s.id, s.name])))}
          {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? ` · previous secret signs until ${time.format(endpoint.previousSecretExpiresAt)}` : ""}
        </p>
        {!endpoint.enabled && endpoint.disabledReason && (
          <Card className="border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            <span className="font-medium">Why it is disabled: </span>
            {endpoint.disabledReason}
          </Card>
        )}
        {endpoint.enabled && endpoint.failingSince && <p className="text-sm text-amber-800">Deliveries failing since {time.format(endpoint.failingSince)}; after 5 days of failures the endpoint is disabled.</p>}
      </header>
      <EndpointActions workspace={ctx.workspaceSlug} id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
      <section className="space-y-3">
        <h2 className="text-base font-semibold text-slate-900">Delivery log</h2>
        <DeliveryLog workspace={ctx.workspaceSlug} endpointId={endpoint.id} deliveries={views} />
        <div className="flex gap-4 text-sm">
          {before && (
            <Link href={`${base}/${endpoint.id}`} className="font-medium text-brand-700 underline">
              Newest
            </Link>
          )}
          {older && (
            <Link href={older} className="font-medium text-brand-700 underline">
              Older messages
            </Link>
          )}
        </div>
      </section>
    </div>
  );
}
