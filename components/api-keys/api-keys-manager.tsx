"use client";

import { BookOpen, KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { CreatedKeyView } from "@/app/w/[workspace]/api-keys/actions";
import { Alert, type AlertVariant } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TBody, TH, THead } from "@/components/ui/table";
import type { ApiAccess } from "@/lib/api/keys/authenticate";
import { ApiKeyRow } from "./api-key-row";
import { CreateKeyDialog } from "./create-key-dialog";
import { NewKeyPanel } from "./new-key-panel";

/** Where the API reference lives. */
export const API_DOCS_PATH = "/api-docs";

/** A key as the page shows it (dates already worded in the workspace's time zone). */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The visible prefix with an ellipsis: "sgm_Ab12Cd34…". */
  masked: string;
  access: ApiAccess;
  /** The creator's name, or null for the command line (or a deleted account). */
  createdBy: string | null;
  created: string;
  createdExact: string;
  createdIso: string;
  /** "never", "5 minutes ago", … */
  lastUsed: string;
  lastUsedExact: string | null;
  lastUsedIso: string | null;
  /** The revocation date, or null while the key is active. */
  revoked: string | null;
  revokedExact: string | null;
}

/** A message shown above the table after an action. */
export interface Notice {
  variant: AlertVariant;
  text: string;
}

function EmptyState({ workspace, onCreated }: { workspace: string; onCreated: (key: CreatedKeyView) => void }) {
  return (
    <Card className="px-6 py-10 text-center">
      <KeyRound aria-hidden className="mx-auto size-8 text-slate-400" />
      <h2 className="mt-3 text-base font-semibold text-slate-900">No API keys yet</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        An API key lets another system, such as your shop, app, email tool or a script, read this workspace&apos;s customers and segments and, with write
        access, keep customers, orders and events up to date, without anyone signing in. A key works for this workspace only and can be revoked at any time.
      </p>
      <div className="mt-5 flex flex-wrap justify-center gap-3">
        <CreateKeyDialog workspace={workspace} onCreated={onCreated} label="Create your first API key" />
        <Link href={API_DOCS_PATH} className={buttonClasses({ variant: "secondary" })}>
          <BookOpen aria-hidden className="size-4" />
          Read the API reference
        </Link>
      </div>
    </Card>
  );
}

/** The API keys page's interactive part: heading with "Create API key", the secret just created, notices and the keys. */
export function ApiKeysManager({ workspace, workspaceName, keys, origin }: { workspace: string; workspaceName: string; keys: ApiKeyView[]; origin: string }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [created, setCreated] = useState<CreatedKeyView | null>(null);
  const active = keys.filter((k) => !k.revoked).length;

  function showCreated(key: CreatedKeyView) {
    setNotice(null);
    setCreated(key);
  }

  function showNotice(next: Notice) {
    setCreated(null);
    setNotice(next);
  }

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API keys</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">
            Keys let other systems use {workspaceName}&apos;s data through the API (<code className="font-mono text-xs">/api/v1</code>), each with read, or read
            and write, access. See the{" "}
            <Link href={API_DOCS_PATH} className="font-medium text-brand-700 underline">
              API reference
            </Link>
            . {keys.length > 0 && `${active} active ${active === 1 ? "key" : "keys"}.`}
          </p>
        </div>
        {keys.length > 0 && <CreateKeyDialog workspace={workspace} onCreated={showCreated} />}
      </header>

      {created && <NewKeyPanel key={created.id} created={created} origin={origin} onDismiss={() => setCreated(null)} />}

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

      {keys.length === 0 ? (
        <EmptyState workspace={workspace} onCreated={showCreated} />
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <caption className="sr-only">API keys of {workspaceName}</caption>
            <THead>
              <tr>
                <TH>Name</TH>
                <TH className="hidden sm:table-cell">Access</TH>
                <TH className="hidden lg:table-cell">Created</TH>
                <TH className="hidden md:table-cell">Last used</TH>
                <TH>Status</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {keys.map((k) => (
                <ApiKeyRow key={`${k.id}:${k.revoked ? "r" : "a"}`} workspace={workspace} apiKey={k} onNotice={showNotice} />
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
