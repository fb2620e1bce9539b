"use client";

import { CircleAlert } from "lucide-react";
import { useId } from "react";
import { Field, type FieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CONSENT_LABELS } from "@/lib/customers/consent";
import type { FormFieldSpec, FormValue } from "@/lib/customers/form";
import { languageNameList } from "@/lib/fields/value-codes";
import { NumberInput } from "./number-input";

function SelectControl({ spec, value, control }: { spec: FormFieldSpec; value: string; control: FieldControlProps }) {
  const options = spec.options ?? [];
  // A stored value that is no longer an option stays selectable, so saving other fields keeps it.
  const orphan = value !== "" && !options.some((o) => o.key === value);
  return (
    <Select {...control} defaultValue={value}>
      <option value="">—</option>
      {orphan && <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.key} value={o.key}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

function LanguageControl({ text, control }: { text: string; control: FieldControlProps }) {
  const listId = useId();
  return (
    <>
      <Input {...control} list={listId} defaultValue={text} autoComplete="off" />
      <datalist id={listId}>
        {languageNameList().map((l) => <option key={l.code} value={l.name} />)}
      </datalist>
    </>
  );
}

function Control({ spec, value, control }: { spec: FormFieldSpec; value: FormValue; control: FieldControlProps }) {
  const text = typeof value === "string" ? value : "";
  switch (spec.control) {
    case "email":
      return <Input {...control} type="email" defaultValue={text} autoComplete="off" />;
    case "decimal":
      // Income is the one money field of the form: shown back with cents.
      return <NumberInput control={control} defaultValue={text} money={spec.key === "income"} />;
    case "date":
      return <Input {...control} type="date" defaultValue={text} />;
    case "datetime":
      return <Input {...control} type="datetime-local" defaultValue={text} />;
    case "yesno":
      return (
        <Select {...control} defaultValue={text}>
          <option value="">—</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </Select>
      );
    case "select":
      return <SelectControl spec={spec} value={text} control={control} />;
    case "language":
      return <LanguageControl text={text} control={control} />;
    default:
      return <Input {...control} defaultValue={text} autoComplete="off" />;
  }
}

function MultiselectField({ spec, value, error }: { spec: FormFieldSpec; value: string[]; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : spec.hint ? `${id}-hint` : undefined} data-invalid={error ? true : undefined} className="space-y-1.5 sm:col-span-2">
      <legend className="text-sm font-medium text-slate-700">
        {spec.label}
      </legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2 pt-1">
        {(spec.options ?? []).map((o) => (
          <label key={o.key} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name={spec.key} value={o.key} defaultChecked={value.includes(o.key)} className="size-4 rounded border-slate-300 accent-brand-600" />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm text-red-600">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
      {spec.hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {spec.hint}
        </p>
      )}
    </fieldset>
  );
}

const CONSENT_CHOICES = [
  { value: "true", label: CONSENT_LABELS.yes },
  { value: "false", label: CONSENT_LABELS.no },
  { value: "", label: CONSENT_LABELS.neverAsked },
] as const;

/** Email consent's three states as radio buttons: Yes, No, Never asked (the empty value). */
function ConsentField({ spec, value, error }: { spec: FormFieldSpec; value: string; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={[error ? `${id}-error` : null, spec.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined} data-invalid={error ? true : undefined} className="space-y-1.5">
      <legend className="text-sm font-medium text-slate-700">{spec.label}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2 pt-1">
        {CONSENT_CHOICES.map((c) => (
          <label key={c.value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name={spec.key} value={c.value} defaultChecked={value === c.value} className="size-4 border-slate-300 accent-brand-600" />
            {c.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm text-red-600">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
      {spec.hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {spec.hint}
        </p>
      )}
    </fieldset>
  );
}

function CheckboxField({ spec, value, error }: { spec: FormFieldSpec; value: boolean; error?: string }) {
  const id = useId();
  return (
    <div className="space-y-1.5 self-end">
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input id={id} type="checkbox" name={spec.key} defaultChecked={value} className="size-4 rounded border-slate-300 accent-brand-600" aria-invalid={error ? true : undefined} />
        {spec.label}
      </label>
      {error && <p className="text-sm text-red-600">{error}</p>}
      {spec.hint && <p className="text-xs text-slate-500">{spec.hint}</p>}
    </div>
  );
}

/** One customer field in the form, with the control its type needs and its error underneath. */
export function CustomerFormField({ spec, value, error }: { spec: FormFieldSpec; value: FormValue; error?: string }) {
  if (spec.control === "multiselect") return <MultiselectField spec={spec} value={Array.isArray(value) ? value : []} error={error} />;
  if (spec.control === "checkbox") return <CheckboxField spec={spec} value={value === true} error={error} />;
  if (spec.control === "consent") return <ConsentField spec={spec} value={typeof value === "string" ? value : ""} error={error} />;
  return (
    <Field name={spec.key} label={spec.label} error={error} hint={spec.hint}>
      {(control) => <Control spec={spec} value={value} control={control} />}
    </Field>
  );
}
