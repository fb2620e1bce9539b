"use client";

import { Ban } from "lucide-react";
import { revokeApiKeyAction } from "@/app/w/[workspace]/api-keys/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TD, TR } from "@/components/ui/table";
import { API_KEY_ACCESS_LABELS } from "@/lib/api/keys/schemas";
import type { ApiKeyView, Notice } from "./api-keys-manager";

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

/** One key: name and visible prefix, access, who created it, last use, status, and Revoke with confirmation. */
export function ApiKeyRow({ workspace, apiKey, onNotice }: { workspace: string; apiKey: ApiKeyView; onNotice: (notice: Notice) => void }) {
  async function revoke(): Promise<string | void> {
    const result = await revokeApiKeyAction({ workspace, id: apiKey.id }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    onNotice({ variant: "success", text: `Revoked “${result.data.name}”. Requests made with it are refused from now on.` });
  }

  const createdBy = (
    <span title={apiKey.createdBy === null ? "No person: created with the command line, or by an account since deleted" : undefined}>
      {apiKey.createdBy ?? "Command line"}
    </span>
  );
  const lastUsed = (
    <span title={apiKey.lastUsedExact ?? "This key has not been used yet"}>
      {apiKey.lastUsedExact ? <time dateTime={apiKey.lastUsedIso ?? undefined}>{apiKey.lastUsed}</time> : apiKey.lastUsed}
    </span>
  );
  return (
    <TR className={apiKey.revoked ? "text-slate-500" : undefined}>
      <TD className="max-w-[14rem] sm:max-w-xs">
        <span className={`block font-medium break-words ${apiKey.revoked ? "text-slate-500" : "text-slate-900"}`}>{apiKey.name}</span>
        <code className="mt-0.5 block font-mono text-xs text-slate-500">{apiKey.masked}</code>
        <span className="mt-1 block text-xs text-slate-700 sm:hidden">{API_KEY_ACCESS_LABELS[apiKey.access]}</span>
        <span className="mt-1 block text-xs text-slate-500 lg:hidden">
          Created by {createdBy}, {apiKey.created}
        </span>
        <span className="mt-0.5 block text-xs text-slate-500 md:hidden">Last used {lastUsed}</span>
      </TD>
      <TD className="hidden whitespace-nowrap sm:table-cell">{API_KEY_ACCESS_LABELS[apiKey.access]}</TD>
      <TD className="hidden lg:table-cell">
        <span className="block">{createdBy}</span>
        <time dateTime={apiKey.createdIso} title={apiKey.createdExact} className="block text-xs text-slate-500">
          {apiKey.created}
        </time>
      </TD>
      <TD className="hidden whitespace-nowrap md:table-cell">{lastUsed}</TD>
      <TD className="whitespace-nowrap">
        {apiKey.revoked ? (
          <Badge variant="neutral" title={`Revoked ${apiKey.revokedExact}`}>
            Revoked
          </Badge>
        ) : (
          <Badge variant="success">Active</Badge>
        )}
        {apiKey.revoked && <span className="mt-1 hidden text-xs text-slate-500 sm:block">{apiKey.revoked}</span>}
      </TD>
      <TD className="text-right whitespace-nowrap">
        {!apiKey.revoked && (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" aria-label={`Revoke ${apiKey.name}`} className="text-red-700 hover:bg-red-50 hover:text-red-800">
                <Ban aria-hidden className="size-4" />
                <span className="hidden sm:inline">Revoke</span>
              </Button>
            }
            title={`Revoke “${apiKey.name}”?`}
            description={`Requests made with this key (${apiKey.masked}) stop working at once: the API refuses them from the next request on. This can't be undone; anything still using the key needs a new one.`}
            confirmLabel="Revoke key"
            onConfirm={revoke}
          />
        )}
      </TD>
    </TR>
  );
}
