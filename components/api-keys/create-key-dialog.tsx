"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { createApiKeyAction, type CreatedKeyView } from "@/app/w/[workspace]/api-keys/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import type { ApiAccess } from "@/lib/api/keys/authenticate";
import { API_KEY_NAME_MAX } from "@/lib/api/keys/schemas";
import { ACCESS_CHOICES } from "./access";

/** "Create API key" button and dialog: a name and the access (read, or read and write). Enter submits. */
export function CreateKeyDialog({ workspace, onCreated, label = "Create API key" }: { workspace: string; onCreated: (key: CreatedKeyView) => void; label?: string }) {
  const [access, setAccess] = useState<ApiAccess>("read");
  return (
    <FormDialog
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" />
          {label}
        </Button>
      }
      title="Create an API key"
      description="The key works for this workspace only. You will see it once, right after you create it."
      submitLabel="Create key"
      pendingLabel="Creating the key…"
      submit={(form) => createApiKeyAction({ workspace, name: String(form.get("name") ?? ""), access })}
      onDone={onCreated}
      onReset={() => setAccess("read")}
      // A field's own message is enough; the form-level line then only says where to look.
      fieldsOwnError={(errors) => Boolean(errors.name || errors.access)}
    >
      {({ fieldErrors }) => (
        <>
          <Field name="name" label="Name" error={fieldErrors.name} hint={`What uses the key, so you know which one to revoke later (up to ${API_KEY_NAME_MAX} characters).`}>
            {(c) => <Input {...c} autoComplete="off" required autoFocus placeholder="Shop sync" />}
          </Field>
          <fieldset aria-describedby={fieldErrors.access ? "api-key-access-error" : undefined}>
            <legend className="text-sm font-medium text-slate-700">Access</legend>
            <div className="mt-2 space-y-2">
              {ACCESS_CHOICES.map((o) => (
                <label key={o.value} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm text-slate-700 has-checked:border-brand-600 has-checked:bg-brand-50/50">
                  <input type="radio" name="access" value={o.value} checked={access === o.value} onChange={() => setAccess(o.value)} className="mt-1 accent-brand-600" />
                  <span>
                    <span className="font-medium text-slate-900">{o.label}</span>
                    <span className="block text-xs text-slate-500">{o.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {fieldErrors.access && (
              <p id="api-key-access-error" className="mt-1.5 text-sm text-red-600">
                {fieldErrors.access}
              </p>
            )}
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}
