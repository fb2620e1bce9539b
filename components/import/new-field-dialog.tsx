"use client";

import { useState, useTransition } from "react";
import { createFieldFromColumnAction } from "@/app/w/[workspace]/customers/import/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { slugifyKey } from "@/lib/custom-fields/schemas";
import { CUSTOM_FIELD_TYPES, FIELD_TYPE_LABELS, type CustomFieldType } from "@/lib/fields/catalog";
import type { SetupColumn, TargetOption } from "@/lib/import/setup";

function optionsFromText(text: string): { key: string; label: string }[] {
  const labels = [...new Set(text.split("\n").map((l) => l.trim()).filter((l) => l !== ""))];
  return labels.map((label) => ({ key: slugifyKey(label) || "option", label }));
}

/**
 * Creates a custom field from a file column (admins): label and key from the header, the type and
 * options guessed from the values, all editable. On success the column maps to the new field.
 */
export function NewFieldDialog({
  workspace,
  column,
  onCreated,
  onClose,
}: {
  workspace: string;
  column: SetupColumn;
  onCreated: (target: TargetOption) => void;
  onClose: () => void;
}) {
  const [label, setLabel] = useState(column.header || `Column ${column.index + 1}`);
  const [key, setKey] = useState<string | null>(null);
  const [type, setType] = useState<CustomFieldType>(column.guess.type);
  const [options, setOptions] = useState(column.guess.options.map((o) => o.label).join("\n"));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const hasOptions = type === "select" || type === "multiselect";
  const shownKey = key ?? slugifyKey(label);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await createFieldFromColumnAction({ workspace, label, key: shownKey, type, options: hasOptions ? optionsFromText(options) : [] }).catch(() => ({
        ok: false as const, error: "Could not reach the server. Nothing was changed; try again.", fieldErrors: undefined,
      }));
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      onCreated({ key: result.data.key, label: result.data.label, type: result.data.type, group: "Custom" });
    });
  }

  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent>
        <DialogTitle>New custom field from “{column.header}”</DialogTitle>
        <DialogDescription>The type is guessed from the column’s values. The key is permanent once the field exists.</DialogDescription>
        <form onSubmit={submit} noValidate className="mt-5 space-y-4">
          {error && <Alert variant="error">{error}</Alert>}
          <Field name="label" label="Label" error={fieldErrors.label}>
            {(c) => <Input {...c} value={label} onChange={(e) => setLabel(e.target.value)} autoFocus />}
          </Field>
          <Field name="key" label="Key" error={fieldErrors.key} hint={`Stored as custom.${shownKey || "…"}`}>
            {(c) => <Input {...c} value={shownKey} onChange={(e) => setKey(e.target.value)} />}
          </Field>
          <Field name="type" label="Type" error={fieldErrors.type}>
            {(c) => (
              <Select {...c} value={type} onChange={(e) => setType(e.target.value as CustomFieldType)}>
                {CUSTOM_FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {FIELD_TYPE_LABELS[t]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {hasOptions && (
            <Field name="options" label="Options" error={fieldErrors.options} hint="One per line. Cells may hold the option’s label or key.">
              {(c) => <textarea {...c} rows={6} value={options} onChange={(e) => setOptions(e.target.value)} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/20 focus:outline-none" />}
            </Field>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" pending={pending}>
              {pending ? "Creating…" : "Create field"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
