"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";
import type { RfmPresetKey } from "@/lib/rfm/presets";

/** A preset as the chooser shows it. */
export interface PresetOption {
  key: RfmPresetKey;
  name: string;
  description: string;
  segments: number;
}

/**
 * The admin's choice of RFM segment set: the R package's 10 segments or the classic 11 with
 * Hibernating. Using one stores its rules and re-scores at once; a set edited by hand shows as
 * "your own rules" until a preset replaces it.
 */
export function PresetChooser({ workspace, presets, current, action }: {
  workspace: string;
  presets: PresetOption[];
  current: RfmPresetKey | null;
  action: (input: { workspace: string; preset: RfmPresetKey }) => Promise<ActionResult<{ name: string; rules: number; customers: number }>>;
}) {
  const router = useRouter();
  const id = useId();
  const [chosen, setChosen] = useState<RfmPresetKey | null>(current);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const apply = () => {
    if (!chosen) return;
    startTransition(async () => {
      const result = await action({ workspace, preset: chosen });
      if (result.ok) {
        setMessage({ ok: true, text: `Now using ${result.data.name}: ${result.data.customers.toLocaleString("en-US")} customers re-scored into ${result.data.rules} segments.` });
        router.refresh();
      } else setMessage({ ok: false, text: result.error });
    });
  };
  const unchanged = chosen === current;
  return (
    <form
      aria-label="RFM segment set"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <fieldset>
        <legend className="text-sm text-slate-600">
          Choose the set of segments customers are sorted into. Switching replaces the rules below and re-scores everyone at once.
        </legend>
        <div className="mt-2 grid grid-cols-1 gap-2 md:grid-cols-2">
          {presets.map((p) => (
            <label key={p.key} htmlFor={`${id}-${p.key}`} className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm ${chosen === p.key ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}>
              <input
                id={`${id}-${p.key}`}
                type="radio"
                name="preset"
                value={p.key}
                checked={chosen === p.key}
                onChange={() => setChosen(p.key)}
                className="mt-0.5 size-4 accent-brand-600"
                aria-describedby={`${id}-${p.key}-desc`}
              />
              <span>
                <span className="font-medium text-slate-900">{p.name}</span>
                {current === p.key && <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">in use</span>}
                <span id={`${id}-${p.key}-desc`} className="mt-0.5 block text-xs text-slate-600">{p.description}</span>
              </span>
            </label>
          ))}
        </div>
        {current === null && <p className="mt-2 text-xs text-slate-600">In use now: your own edited rules (not one of these sets).</p>}
      </fieldset>
      {message && <Alert variant={message.ok ? "success" : "error"}>{message.text}</Alert>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending} disabled={!chosen || unchanged} aria-describedby={`${id}-why`}>
          Use this segment set
        </Button>
        <span id={`${id}-why`} className="text-xs text-slate-600">
          {!chosen ? "Pick a set first." : unchanged ? "This set is already in use." : "Re-scores every customer with a paid order."}
        </span>
      </div>
    </form>
  );
}
