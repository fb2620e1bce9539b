"use client";

import { Plus, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { slugifyKey } from "@/lib/custom-fields/schemas";

/** One option while editing: `saved` options keep their key (values store it); new ones take it from the label. */
export interface OptionDraft {
  id: string;
  key: string;
  label: string;
  saved: boolean;
}

/** A fresh option row. */
export function newOption(): OptionDraft {
  return { id: crypto.randomUUID(), key: "", label: "", saved: false };
}

/** A new option's key: the slug of its label, made unique among the other options. */
function keyFor(label: string, others: OptionDraft[]): string {
  const base = slugifyKey(label) || "option";
  const taken = new Set(others.map((o) => o.key));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/**
 * The choices of a select field: labels are editable; keys of saved options are fixed (shown for
 * reference), new options get a key from their label. Removing a saved option that customers
 * still use is refused by the server with a count.
 */
export function OptionsEditor({ options, onChange, error }: { options: OptionDraft[]; onChange: (next: OptionDraft[]) => void; error?: string }) {
  const legendId = useId();
  const errorId = `${legendId}-error`;

  function setLabel(index: number, label: string) {
    onChange(
      options.map((o, i) => {
        if (i !== index) return o;
        return o.saved ? { ...o, label } : { ...o, label, key: keyFor(label, options.filter((_, j) => j !== index)) };
      }),
    );
  }

  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="space-y-2">
      <legend id={legendId} className="text-sm font-medium text-slate-700">
        Options
      </legend>
      <p className="text-xs text-slate-500">Customers store an option&apos;s key, so renaming a label is safe. Keys of saved options never change.</p>
      <ul className="space-y-2">
        {options.map((option, index) => (
          <li key={option.id} className="flex items-center gap-2">
            <Input
              aria-label={`Option ${index + 1} label`}
              value={option.label}
              onChange={(e) => setLabel(index, e.target.value)}
              placeholder="Label, e.g. Mobile"
              className="flex-1"
            />
            <code className="w-36 shrink-0 truncate rounded bg-slate-100 px-2 py-1 text-xs text-slate-600" title={option.saved ? "Saved key (fixed)" : "Key (from the label)"}>
              {option.key || "—"}
            </code>
            <Button variant="ghost" size="sm" aria-label={`Remove option ${option.label || index + 1}`} onClick={() => onChange(options.filter((_, i) => i !== index))}>
              <X aria-hidden className="size-4" />
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="secondary" size="sm" onClick={() => onChange([...options, newOption()])}>
        <Plus aria-hidden className="size-4" />
        Add option
      </Button>
      {error && (
        <p id={errorId} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
