"use client";

import { Webhook } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { NewSecretView } from "@/app/w/[workspace]/webhooks/actions";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { SecretPanel } from "./secret-panel";

/** An endpoint as the list shows it (words already chosen on the server). */
export interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  events: string;
  segments: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
}

/** The webhooks page's interactive part: heading with "Add endpoint", the secret just made, and the endpoints. */
export function WebhooksManager({ workspace, endpoints, segments }: { workspace: string; endpoints: EndpointView[]; segments: { id: string; name: string }[] }) {
  const [created, setCreated] = useState<NewSecretView | null>(null);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Webhooks</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">
            Tell other systems when customers enter or leave a segment: each endpoint gets signed messages (Standard Webhooks) within seconds of the change,
            retried for up to 3 days when it is down.
          </p>
        </div>
        <AddEndpointDialog workspace={workspace} segments={segments} onCreated={setCreated} />
      </header>

      {created && <SecretPanel key={created.secret} created={created} onDismiss={() => setCreated(null)} />}

      {endpoints.length === 0 ? (
        <Card className="px-6 py-10 text-center">
          <Webhook aria-hidden className="mx-auto size-8 text-slate-400" />
          <h2 className="mt-3 text-base font-semibold text-slate-900">No webhook endpoints yet</h2>
          <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">Add the URL of your CRM, email tool or own service to receive segment changes as they happen.</p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Webhook endpoints">
          {endpoints.map((e) => (
            <li key={e.id}>
              <Card className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0 space-y-1">
                  <Link href={`/w/${workspace}/webhooks/${e.id}`} className="block font-mono text-sm font-medium break-all text-brand-700 underline">
                    {e.url}
                  </Link>
                  {e.description && <p className="text-sm break-words text-slate-700">{e.description}</p>}
                  <p className="text-xs text-slate-500">
                    {e.events} · {e.segments}
                  </p>
                  {e.disabledReason && <p className="text-xs text-red-700">{e.disabledReason}</p>}
                  {!e.disabledReason && e.failingSince && <p className="text-xs text-amber-800">Deliveries failing since {e.failingSince}.</p>}
                </div>
                <div className="shrink-0">{e.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="danger">Disabled</Badge>}</div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
