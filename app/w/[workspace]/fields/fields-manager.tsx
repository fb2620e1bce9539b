"use client";

import { Archive, ArchiveRestore, Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { CustomFieldDialog, type CustomFieldFormValues, type CustomFieldView } from "@/components/custom-fields/custom-field-dialog";
import { Alert, type AlertVariant } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { FIELD_TYPE_LABELS } from "@/lib/fields/catalog";
import { createCustomFieldAction, setCustomFieldArchivedAction, updateCustomFieldAction } from "./actions";

interface Notice {
  variant: AlertVariant;
  text: string;
}

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

function optionSummary(field: CustomFieldView): string {
  if (field.options.length === 0) return "—";
  const shown = field.options.slice(0, 4).map((o) => o.label).join(", ");
  return field.options.length > 4 ? `${shown} +${field.options.length - 4} more` : shown;
}

/** The custom fields page's interactive part: "New field", notices, and the table with edit and archive. */
export function FieldsManager({ workspace, fields }: { workspace: string; fields: CustomFieldView[] }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const active = fields.filter((f) => !f.archived).length;

  async function create(values: CustomFieldFormValues) {
    return createCustomFieldAction({ workspace, ...values });
  }

  async function archive(field: CustomFieldView, archived: boolean): Promise<string | void> {
    const result = await setCustomFieldArchivedAction({ workspace, fieldId: field.id, archived }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    setNotice({
      variant: "success",
      text: archived ? `Archived ${field.label}. Its values are kept; it no longer appears in forms and pickers.` : `${field.label} is active again.`,
    });
  }

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Custom fields</h1>
          <p className="mt-1 text-sm text-slate-500">
            Your own customer attributes, next to the standard ones. {active} active, {fields.length - active} archived.
          </p>
        </div>
        <CustomFieldDialog
          trigger={
            <Button>
              <Plus aria-hidden className="size-4" />
              New field
            </Button>
          }
          onSubmit={create}
          onDone={(label) => setNotice({ variant: "success", text: `Created ${label}.` })}
        />
      </header>

      {notice && (
        <Alert variant={notice.variant}>
          <div className="flex items-start justify-between gap-4">
            <span>{notice.text}</span>
            <button type="button" onClick={() => setNotice(null)} className="shrink-0 text-xs font-medium underline">
              Dismiss
            </button>
          </div>
        </Alert>
      )}

      <Card className="overflow-hidden">
        {fields.length === 0 ? (
          <p className="px-5 py-10 text-center text-sm text-slate-500">No custom fields yet. Create one to track what matters to your team, such as interests or a loyalty tier.</p>
        ) : (
          <Table>
            <caption className="sr-only">Custom fields</caption>
            <THead>
              <tr>
                <TH>Label</TH>
                <TH>Key</TH>
                <TH>Type</TH>
                <TH className="hidden md:table-cell">Options</TH>
                <TH>Status</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {fields.map((field) => (
                <TR key={field.id}>
                  <TD>
                    <span className="font-medium text-slate-900">{field.label}</span>
                    {field.description && <span className="mt-0.5 block text-xs text-slate-500">{field.description}</span>}
                  </TD>
                  <TD>
                    <code className="text-xs text-slate-600">{field.key}</code>
                  </TD>
                  <TD>{FIELD_TYPE_LABELS[field.type]}</TD>
                  <TD className="hidden max-w-xs truncate md:table-cell">{optionSummary(field)}</TD>
                  <TD>{field.archived ? <Badge>Archived</Badge> : <Badge variant="success">Active</Badge>}</TD>
                  <TD className="text-right whitespace-nowrap">
                    <CustomFieldDialog
                      key={JSON.stringify(field)}
                      field={field}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Edit ${field.label}`}>
                          <Pencil aria-hidden className="size-4" />
                          <span className="hidden sm:inline">Edit</span>
                        </Button>
                      }
                      onSubmit={(values) => updateCustomFieldAction({ workspace, fieldId: field.id, ...values })}
                      onDone={(label) => setNotice({ variant: "success", text: `Saved ${label}.` })}
                    />
                    {field.archived ? (
                      <Button variant="ghost" size="sm" aria-label={`Unarchive ${field.label}`} onClick={() => void archive(field, false).then((e) => e && setNotice({ variant: "error", text: e }))}>
                        <ArchiveRestore aria-hidden className="size-4" />
                        <span className="hidden sm:inline">Unarchive</span>
                      </Button>
                    ) : (
                      <ConfirmDialog
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={`Archive ${field.label}`}>
                            <Archive aria-hidden className="size-4" />
                            <span className="hidden sm:inline">Archive</span>
                          </Button>
                        }
                        title={`Archive ${field.label}?`}
                        description="Customers keep their values, but the field leaves forms, imports, table columns and segment pickers. You can unarchive it at any time."
                        confirmLabel="Archive field"
                        variant="primary"
                        onConfirm={() => archive(field, true)}
                      />
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
