"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { createWebhookAction, type NewSecretView } from "@/app/w/[workspace]/webhooks/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/schemas";

const choice = "flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm text-slate-700 has-checked:border-brand-600 has-checked:bg-brand-50/50";

/** "Add endpoint" button and dialog: URL, description, event types, every segment or chosen ones. */
export function AddEndpointDialog({ workspace, segments, onCreated }: { workspace: string; segments: { id: string; name: string }[]; onCreated: (created: NewSecretView) => void }) {
  const [types, setTypes] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES]);
  const [scope, setScope] = useState<"all" | "chosen">("all");
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <FormDialog
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" />
          Add endpoint
        </Button>
      }
      title="Add a webhook endpoint"
      description="Segmenta POSTs a signed message to this URL whenever customers enter or leave the segments you choose."
      submitLabel="Add endpoint"
      pendingLabel="Adding the endpoint…"
      submit={(form) =>
        createWebhookAction({
          workspace,
          url: String(form.get("url") ?? ""),
          description: String(form.get("description") ?? ""),
          eventTypes: types,
          segmentIds: scope === "all" ? null : chosen,
        })
      }
      onDone={onCreated}
      onReset={() => {
        setTypes([...WEBHOOK_EVENT_TYPES]);
        setScope("all");
        setChosen([]);
      }}
      fieldsOwnError={(errors) => Boolean(errors.url || errors.eventTypes || errors.segmentIds)}
    >
      {({ fieldErrors }) => (
        <>
          <Field name="url" label="URL" error={fieldErrors.url} hint="Where messages are sent, e.g. https://example.com/hooks/segmenta.">
            {(c) => <Input {...c} type="url" inputMode="url" autoComplete="off" required autoFocus placeholder="https://" />}
          </Field>
          <Field name="description" label="Description" optional error={fieldErrors.description} hint={`What receives them (up to ${WEBHOOK_DESCRIPTION_MAX} characters).`}>
            {(c) => <Input {...c} autoComplete="off" placeholder="CRM sync" />}
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Events</legend>
            <div className="mt-2 space-y-2">
              {WEBHOOK_EVENT_TYPES.map((t) => (
                <label key={t} className={choice}>
                  <input type="checkbox" checked={types.includes(t)} onChange={() => setTypes(toggle(types, t))} className="mt-1 accent-brand-600" />
                  <span>
                    <span className="font-medium text-slate-900">{WEBHOOK_EVENT_LABELS[t]}</span>
                    <code className="block font-mono text-xs text-slate-500">{t}</code>
                  </span>
                </label>
              ))}
            </div>
            {fieldErrors.eventTypes && <p className="mt-1.5 text-sm text-red-600">{fieldErrors.eventTypes}</p>}
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Segments</legend>
            <div className="mt-2 space-y-2">
              <label className={choice}>
                <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} className="mt-1 accent-brand-600" />
                <span className="font-medium text-slate-900">Every segment, also ones saved later</span>
              </label>
              <label className={choice}>
                <input type="radio" name="scope" checked={scope === "chosen"} onChange={() => setScope("chosen")} className="mt-1 accent-brand-600" disabled={segments.length === 0} />
                <span className="font-medium text-slate-900">Only the segments I choose</span>
              </label>
            </div>
            {scope === "chosen" && (
              <div className="mt-2 max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
                {segments.map((s) => (
                  <label key={s.id} className="flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" checked={chosen.includes(s.id)} onChange={() => setChosen(toggle(chosen, s.id))} className="accent-brand-600" />
                    <span className="break-words">{s.name}</span>
                  </label>
                ))}
              </div>
            )}
            {fieldErrors.segmentIds && <p className="mt-1.5 text-sm text-red-600">{fieldErrors.segmentIds}</p>}
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}
