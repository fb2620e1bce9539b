import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { consentLabel } from "@/lib/customers/consent";
import { displayFieldValue } from "@/lib/customers/display";
import type { CustomerRecord } from "@/lib/customers/types";
import { FIELD_GROUPS, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";

function Value({ value }: { value: string | string[] | null }) {
  if (value === null) return <span className="text-slate-500">—</span>;
  if (Array.isArray(value)) {
    return (
      <span className="flex flex-wrap gap-1">
        {value.map((v) => (
          <Badge key={v}>{v}</Badge>
        ))}
      </span>
    );
  }
  return <span className="break-words">{value}</span>;
}

/** Email consent: the state in words (never asked included) and when and how it got it. */
function ConsentRow({ field, value, origin }: { field: FieldDefinition; value: boolean | null; origin: string | null }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[11rem_1fr] sm:gap-3" data-testid="consent">
      <dt className="text-sm text-slate-500">{field.label}</dt>
      <dd className="text-sm text-slate-900">
        <span className={value === null ? "text-slate-600" : undefined}>{consentLabel(value)}</span>
        {origin && <span className="mt-0.5 block text-xs text-slate-500">{origin}</span>}
      </dd>
    </div>
  );
}

function Row({ field, value }: { field: FieldDefinition; value: string | string[] | null }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[11rem_1fr] sm:gap-3">
      <dt className="text-sm text-slate-500" title={field.description}>
        {field.label}
        {field.archived && <span className="ml-1 text-xs text-slate-500">(archived)</span>}
      </dt>
      <dd className="text-sm text-slate-900">
        <Value value={value} />
      </dd>
    </div>
  );
}

/**
 * Every standard, derived and custom field of the customer, grouped like the catalog. Archived
 * custom fields are shown only when the customer still holds a value for them.
 */
export function ProfileFields({ catalog, customer, timeZone, consentOrigin = null }: { catalog: FieldCatalog; customer: CustomerRecord; timeZone: string; consentOrigin?: string | null }) {
  const now = new Date();
  const groups = FIELD_GROUPS.map((group) => ({
    group,
    rows: catalog.fields
      .filter((f) => f.group === group)
      .map((field) => ({ field, value: displayFieldValue(field, customer, timeZone, now) }))
      .filter((r) => !r.field.archived || r.value !== null),
  })).filter((g) => g.rows.length > 0);
  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      {groups.map(({ group, rows }) => (
        <Card key={group}>
          <CardHeader>
            <CardTitle>{group === "Custom" ? "Custom fields" : group}</CardTitle>
          </CardHeader>
          <CardContent className="py-2">
            <dl className="divide-y divide-slate-100">
              {group === "Profile" && (
                <div className="grid gap-1 py-2 sm:grid-cols-[11rem_1fr] sm:gap-3">
                  <dt className="text-sm text-slate-500">External ID</dt>
                  <dd className="text-sm text-slate-900">{customer.externalId ?? <span className="text-slate-500">—</span>}</dd>
                </div>
              )}
              {rows.map(({ field, value }) =>
                field.key === "emailOptIn" ? (
                  <ConsentRow key={field.key} field={field} value={customer.emailOptIn} origin={consentOrigin} />
                ) : (
                  <Row key={field.key} field={field} value={value} />
                ),
              )}
            </dl>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
