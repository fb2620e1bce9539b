"use client";

import { Plus, X } from "lucide-react";
import { useEffect, useId, useRef } from "react";
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
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // The option added last (by Enter or the button), focused once its row has rendered.
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (focusNext.current === null) return;
    inputs.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  }, [options]);

  function addOption() {
    const option = newOption();
    focusNext.current = option.id;
    onChange([...options, option]);
  }

  // Enter in an option adds the next one (a list is typed one option per line); it never submits the dialog.
  function onOptionKeyDown(event: React.KeyboardEvent<HTMLInputElement>, index: number) {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (options[index].label.trim() === "") return;
    const nextEmpty = options.slice(index + 1).find((o) => o.label.trim() === "");
    if (nextEmpty) inputs.current.get(nextEmpty.id)?.focus();
    else addOption();
  }

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
      <p className="text-xs text-slate-500">Customers store an option&apos;s key, so renaming a label is safe. Keys of saved options never change. Press Enter in an option to add the next one.</p>
      <ul className="space-y-2">
        {options.map((option, index) => (
          <li key={option.id} className="flex items-center gap-2">
            <Input
              ref={(el) => {
                if (el) inputs.current.set(option.id, el);
                else inputs.current.delete(option.id);
              }}
              aria-label={`Option ${index + 1} label`}
              value={option.label}
              onChange={(e) => setLabel(index, e.target.value)}
              onKeyDown={(e) => onOptionKeyDown(e, index)}
              enterKeyHint="next"
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
      <Button variant="secondary" size="sm" onClick={addOption}>
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
