"use client";

import { KeyRound, Power, Send, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  deleteWebhookAction, rotateWebhookSecretAction, sendTestEventAction, setWebhookEnabledAction, type NewSecretView,
} from "@/app/w/[workspace]/webhooks/actions";
import { Alert, type AlertVariant } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { outcomeText } from "./format";
import { SecretPanel } from "./secret-panel";

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again." };

/** The endpoint page's actions: send a test event (result shown), enable or disable, rotate the secret, delete. */
export function EndpointActions({ workspace, id, url, enabled }: { workspace: string; id: string; url: string; enabled: boolean }) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ variant: AlertVariant; text: string } | null>(null);
  const [secret, setSecret] = useState<NewSecretView | null>(null);
  const [pending, startTransition] = useTransition();

  function sendTest() {
    setNotice(null);
    startTransition(async () => {
      const result = await sendTestEventAction({ workspace, id }).catch(() => UNREACHABLE);
      if (!result.ok) return setNotice({ variant: "error", text: result.error });
      const ok = result.data.state === "delivered";
      setNotice({ variant: ok ? "success" : "error", text: `Test event ${result.data.id}: ${outcomeText(result.data)}` });
      router.refresh();
    });
  }

  function toggle() {
    setNotice(null);
    startTransition(async () => {
      const result = await setWebhookEnabledAction({ workspace, id, enabled: !enabled }).catch(() => UNREACHABLE);
      if (!result.ok) return setNotice({ variant: "error", text: result.error });
      setNotice({ variant: "success", text: result.data.enabled ? "Enabled: waiting messages are sent now." : "Disabled: messages wait until you enable it again." });
      router.refresh();
    });
  }

  async function rotate(): Promise<string | void> {
    const result = await rotateWebhookSecretAction({ workspace, id }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    setNotice(null);
    setSecret(result.data);
    router.refresh();
  }

  async function remove(): Promise<string | void> {
    const result = await deleteWebhookAction({ workspace, id }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    router.push(`/w/${workspace}/webhooks`);
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button onClick={sendTest} pending={pending} disabled={pending}>
          <Send aria-hidden className="size-4" />
          Send test event
        </Button>
        <Button variant="secondary" onClick={toggle} disabled={pending}>
          <Power aria-hidden className="size-4" />
          {enabled ? "Disable" : "Enable"}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="secondary">
              <KeyRound aria-hidden className="size-4" />
              Rotate secret
            </Button>
          }
          title="Rotate the signing secret?"
          description="A new secret signs every message from now on. The current one keeps signing beside it for 24 hours, then stops: update your receiver within that time."
          confirmLabel="Rotate secret"
          variant="primary"
          onConfirm={rotate}
        />
        <ConfirmDialog
          trigger={
            <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800">
              <Trash2 aria-hidden className="size-4" />
              Delete
            </Button>
          }
          title="Delete this endpoint?"
          description={`Messages stop going to ${url} at once, and its waiting messages and delivery log are deleted. This can't be undone.`}
          confirmLabel="Delete endpoint"
          onConfirm={remove}
        />
      </div>
      {notice && (
        <Alert variant={notice.variant} aria-label="Result">
          <span className="break-words">{notice.text}</span>
        </Alert>
      )}
      {secret && <SecretPanel key={secret.secret} created={secret} onDismiss={() => setSecret(null)} />}
    </div>
  );
}
