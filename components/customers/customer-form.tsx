"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { FormSection, FormValue } from "@/lib/customers/form";
import { CustomerFormField } from "./customer-form-field";

/** A submit outcome: ok, or a message with per-field errors keyed like the form's fields. */
export type CustomerSubmitResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string> };

const UNREACHABLE: CustomerSubmitResult = { ok: false, error: "Could not reach the server. Nothing was changed; try again." };

// Reads the form as the customer input schema expects it: strings, lists of option keys, booleans.
function readForm(form: HTMLFormElement, sections: FormSection[]): Record<string, FormValue> {
  const data = new FormData(form);
  const values: Record<string, FormValue> = {};
  for (const spec of sections.flatMap((s) => s.fields)) {
    if (spec.control === "multiselect") values[spec.key] = data.getAll(spec.key).map(String);
    else if (spec.control === "checkbox") values[spec.key] = data.get(spec.key) !== null;
    else values[spec.key] = String(data.get(spec.key) ?? "");
  }
  return values;
}

function sameValue(a: FormValue | undefined, b: FormValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
  return a === b;
}

/**
 * The customer create / edit form: one card per catalog group, a control per field type, errors
 * at the field (focus moves to the first one), and the form keeps what was typed when refused.
 * With `onlyChanged` (editing) only fields that differ from the initial values are sent, so saving
 * never rewrites a value the person did not touch (e.g. seconds of a date-time the input cannot show).
 */
export function CustomerForm({
  sections,
  initialValues,
  submitLabel,
  cancelHref,
  onlyChanged = false,
  onSubmit,
}: {
  sections: FormSection[];
  initialValues: Record<string, FormValue>;
  submitLabel: string;
  cancelHref: string;
  onlyChanged?: boolean;
  onSubmit: (values: Record<string, FormValue>) => Promise<CustomerSubmitResult>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const [refusals, setRefusals] = useState(0);
  const known = new Set(sections.flatMap((s) => s.fields.map((f) => f.key)));
  const unplaced = Object.entries(fieldErrors).filter(([key]) => !known.has(key));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readForm(event.currentTarget, sections);
    const values = onlyChanged ? Object.fromEntries(Object.entries(read).filter(([key, value]) => !sameValue(value, initialValues[key]))) : read;
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await onSubmit(values).catch(() => UNREACHABLE);
      if (result.ok) return;
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
      setRefusals((n) => n + 1);
    });
  }

  // After a refusal has rendered its errors, move focus to the first invalid field.
  useEffect(() => {
    if (refusals === 0) return;
    formRef.current?.querySelector<HTMLElement>("input[aria-invalid=true], select[aria-invalid=true], fieldset[data-invalid] input")?.focus();
  }, [refusals]);

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
      {error && (
        <Alert variant="error" title={error}>
          {unplaced.length > 0 && (
            <ul className="list-disc pl-4">
              {unplaced.map(([key, message]) => (
                <li key={key}>{message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {sections.map((section) => (
        <Card key={section.group}>
          <CardHeader>
            <CardTitle>{section.group === "Custom" ? "Custom fields" : section.group}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-5 sm:grid-cols-2">
            {section.fields.map((spec) => (
              <CustomerFormField key={spec.key} spec={spec} value={initialValues[spec.key] ?? ""} error={fieldErrors[spec.key]} />
            ))}
          </CardContent>
        </Card>
      ))}
      <div className="flex flex-wrap justify-end gap-2">
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          Cancel
        </Link>
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
