"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { hasOptions, slugifyKey } from "@/lib/custom-fields/schemas";
import { CUSTOM_FIELD_TYPES, FIELD_TYPE_LABELS, type CustomFieldType, type FieldOption } from "@/lib/fields/catalog";
import { newOption, OptionsEditor, type OptionDraft } from "./options-editor";

/** A custom field as the page passes it to the client. */
export interface CustomFieldView {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: FieldOption[];
  description: string | null;
  archived: boolean;
}

/** What the dialog submits. */
export interface CustomFieldFormValues {
  label: string;
  key: string;
  type: CustomFieldType;
  options: FieldOption[];
  description: string;
}

/** A submit outcome: ok, or a message with per-field errors. */
export type SubmitResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string> };

const UNREACHABLE: SubmitResult = { ok: false, error: "Could not reach the server. Nothing was changed; try again." };

const TYPE_HINTS: Record<CustomFieldType, string> = {
  text: "Free text, up to 2,000 characters.",
  number: "Any number, typed the way your language writes it (54,700 or 1,234.5 in English).",
  date: "A calendar date (YYYY-MM-DD).",
  boolean: "Yes or no.",
  select: "One option from a list.",
  multiselect: "Any number of options from a list (import cells separate them with ;).",
};

function optionsError(fieldErrors: Record<string, string>): string | undefined {
  const key = Object.keys(fieldErrors).find((k) => k === "options" || k.startsWith("options."));
  return key ? fieldErrors[key] : undefined;
}

/**
 * Create or edit a custom field in a dialog. On create the key follows the label until edited; on
 * edit the key is shown but fixed.
 */
export function CustomFieldDialog({
  field,
  trigger,
  onSubmit,
  onDone,
}: {
  field?: CustomFieldView;
  trigger: React.ReactNode;
  onSubmit: (values: CustomFieldFormValues) => Promise<SubmitResult>;
  onDone: (label: string) => void;
}) {
  const editing = field !== undefined;
  const initialOptions = (): OptionDraft[] => (field?.options ?? []).map((o) => ({ id: o.key, key: o.key, label: o.label, saved: true }));
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState(field?.label ?? "");
  const [key, setKey] = useState(field?.key ?? "");
  const [keyEdited, setKeyEdited] = useState(editing);
  const [type, setType] = useState<CustomFieldType>(field?.type ?? "text");
  const [options, setOptions] = useState<OptionDraft[]>(initialOptions);
  const [description, setDescription] = useState(field?.description ?? "");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function reset() {
    setLabel(field?.label ?? "");
    setKey(field?.key ?? "");
    setKeyEdited(editing);
    setType(field?.type ?? "text");
    setOptions(initialOptions());
    setDescription(field?.description ?? "");
    setError(null);
    setFieldErrors({});
  }

  function changeType(next: CustomFieldType) {
    setType(next);
    if (hasOptions(next) && options.length === 0) setOptions([newOption(), newOption()]);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values: CustomFieldFormValues = {
      label,
      key,
      type,
      options: hasOptions(type) ? options.filter((o) => o.label.trim() !== "" || o.saved).map((o) => ({ key: o.key, label: o.label })) : [],
      description,
    };
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await onSubmit(values).catch(() => UNREACHABLE);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setOpen(false);
      onDone(label.trim());
      if (!editing) reset();
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogTitle>{editing ? `Edit ${field.label}` : "New custom field"}</DialogTitle>
        <DialogDescription>
          {editing ? "The key stays as it is; values are stored under it." : "Customers get this field in their profile, forms, imports and segments."}
        </DialogDescription>
        <form onSubmit={submit} noValidate className="mt-5 space-y-4">
          {error && <Alert variant="error">{error}</Alert>}
          <Field name="label" label="Label" error={fieldErrors.label}>
            {(c) => (
              <Input
                {...c}
                value={label}
                autoFocus
                autoComplete="off"
                placeholder="e.g. Preferred device"
                onChange={(e) => {
                  setLabel(e.target.value);
                  if (!keyEdited) setKey(slugifyKey(e.target.value));
                }}
              />
            )}
          </Field>
          <Field
            name="key"
            label="Key"
            error={fieldErrors.key}
            hint={editing ? "Fixed once the field exists." : 'Used in imports (as custom.<key>) and the API. Lower-case letters, digits and "_"; it cannot change later.'}
          >
            {(c) => (
              <Input
                {...c}
                value={key}
                readOnly={editing}
                autoComplete="off"
                className="font-mono"
                onChange={(e) => {
                  setKey(e.target.value);
                  setKeyEdited(true);
                }}
              />
            )}
          </Field>
          <Field name="type" label="Type" error={fieldErrors.type} hint={TYPE_HINTS[type]}>
            {(c) => (
              <Select {...c} value={type} onChange={(e) => changeType(e.target.value as CustomFieldType)}>
                {CUSTOM_FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {FIELD_TYPE_LABELS[t]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {hasOptions(type) && <OptionsEditor options={options} onChange={setOptions} error={optionsError(fieldErrors)} />}
          <Field name="description" label="Description (optional)" error={fieldErrors.description}>
            {(c) => <Input {...c} value={description} autoComplete="off" onChange={(e) => setDescription(e.target.value)} placeholder="What the field means" />}
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" pending={pending}>
              {editing ? "Save changes" : "Create field"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
