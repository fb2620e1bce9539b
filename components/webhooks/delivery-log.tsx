"use client";

import { RotateCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { redeliverAction } from "@/app/w/[workspace]/webhooks/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

/** One message of the log, worded on the server. */
export interface DeliveryView {
  id: string;
  type: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  duration: string | null;
  responseExcerpt: string | null;
  nextAttempt: string | null;
  created: string;
}

const STATE = { delivered: { label: "Delivered", variant: "success" }, pending: { label: "Pending", variant: "warning" }, failed: { label: "Failed", variant: "danger" } } as const;

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

/** The endpoint's delivery log: each message with its attempts, last answer and next attempt, and Redeliver. */
export function DeliveryLog({ workspace, endpointId, deliveries }: { workspace: string; endpointId: string; deliveries: DeliveryView[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  function redeliver(messageId: string) {
    setError(null);
    setBusy(messageId);
    startTransition(async () => {
      const result = await redeliverAction({ workspace, id: endpointId, messageId }).catch(() => UNREACHABLE);
      setBusy(null);
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  }

  if (deliveries.length === 0) return <Card className="px-6 py-8 text-center text-sm text-slate-600">No messages yet. Send a test event to see one here.</Card>;
  return (
    <Card className="overflow-hidden">
      {error && <p className="px-4 py-2 text-sm text-red-700">{error}</p>}
      <Table>
        <caption className="sr-only">Delivery log</caption>
        <THead>
          <tr>
            <TH>Message</TH>
            <TH>Status</TH>
            <TH className="hidden md:table-cell">Attempts</TH>
            <TH className="hidden lg:table-cell">Response</TH>
            <TH className="hidden md:table-cell">Next attempt</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {deliveries.map((d) => (
            <TR key={d.id} data-message-id={d.id}>
              <TD className="max-w-[11rem] sm:max-w-xs">
                <code className="block font-mono text-xs break-all text-slate-900">{d.id}</code>
                <span className="block text-xs text-slate-500">
                  {d.type} · {d.created}
                </span>
                <span className="mt-1 block text-xs text-slate-500 md:hidden">
                  {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                  {d.nextAttempt ? ` · next ${d.nextAttempt}` : ""}
                </span>
              </TD>
              <TD className="max-w-[9rem] sm:max-w-xs">
                <Badge variant={STATE[d.state].variant}>{STATE[d.state].label}</Badge>
                <span className="mt-1 block text-xs break-words text-slate-600">
                  {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.lastError ?? ""}
                  {d.duration ? ` · ${d.duration}` : ""}
                </span>
              </TD>
              <TD className="hidden md:table-cell">{d.attempts}</TD>
              <TD className="hidden max-w-xs lg:table-cell">
                {d.responseExcerpt ? <code className="line-clamp-3 font-mono text-xs break-all text-slate-600">{d.responseExcerpt}</code> : <span className="text-xs text-slate-400">—</span>}
              </TD>
              <TD className="hidden text-xs md:table-cell">{d.nextAttempt ?? "—"}</TD>
              <TD className="text-right">
                <Button variant="ghost" size="sm" onClick={() => redeliver(d.id)} pending={busy === d.id} disabled={busy !== null} aria-label={`Redeliver ${d.id}`}>
                  <RotateCw aria-hidden className="size-4" />
                  <span className="hidden sm:inline">Redeliver</span>
                </Button>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
