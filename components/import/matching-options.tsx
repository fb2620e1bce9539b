"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { MatchKey, OnExisting } from "@/lib/import/schemas";
import type { ImportType } from "@/lib/import/targets";

function Choice<T extends string>({ name, legend, value, options, onChange }: {
  name: string;
  legend: string;
  value: T;
  options: { value: T; label: string; hint: string; disabled?: boolean }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-2 space-y-2">
        {options.map((o) => (
          <label key={o.value} className={`flex items-start gap-2 text-sm ${o.disabled ? "text-slate-400" : "text-slate-700"}`}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} disabled={o.disabled} onChange={() => onChange(o.value)} className="mt-1 accent-brand-600" />
            <span>
              {o.label}
              <span className="block text-xs text-slate-500">{o.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** How rows meet what is already stored: the customer match key, and update or skip for existing records. */
export function MatchingOptions({ type, match, onExisting, emailMapped, externalIdMapped, onMatchChange, onExistingChange }: {
  type: ImportType;
  match: MatchKey;
  onExisting: OnExisting;
  emailMapped: boolean;
  externalIdMapped: boolean;
  onMatchChange: (match: MatchKey) => void;
  onExistingChange: (value: OnExisting) => void;
}) {
  if (type === "events") {
    return (
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Existing events</CardTitle>
            <CardDescription>An event identical to one already stored (same customer, name, time and properties) is skipped, so importing a file twice adds nothing.</CardDescription>
          </div>
        </CardHeader>
      </Card>
    );
  }
  const noun = type === "customers" ? "customer" : "order";
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Existing {noun}s</CardTitle>
          <CardDescription>
            {type === "customers"
              ? "Rows are matched to customers already in the workspace; rows that match nobody create new customers."
              : "Orders are matched on their order ID; importing the same order again changes it rather than adding a copy."}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-2">
        {type === "customers" && (
          <Choice<MatchKey>
            name="match"
            legend="Match customers on"
            value={match}
            onChange={onMatchChange}
            options={[
              { value: "email", label: "Email", hint: emailMapped ? "Every row needs an email." : "Map a column to Email to match on it." },
              { value: "externalId", label: "External ID", hint: externalIdMapped ? "Every row needs an external ID." : "Map a column to External ID to match on it." },
            ]}
          />
        )}
        <Choice<OnExisting>
          name="on-existing"
          legend={`When a ${noun} already exists`}
          value={onExisting}
          onChange={onExistingChange}
          options={[
            { value: "update", label: "Update it", hint: type === "customers" ? "Mapped fields take the file's values; other fields stay as they are." : "Its customer, date, total and (when mapped) items take the file's values." },
            { value: "skip", label: "Skip the row", hint: `The stored ${noun} stays as it is.` },
          ]}
        />
      </CardContent>
    </Card>
  );
}
