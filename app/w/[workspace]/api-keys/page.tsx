import type { Metadata } from "next";
import { ApiKeysManager, type ApiKeyView } from "@/components/api-keys/api-keys-manager";
import { lastUsedText, maskedKey } from "@/lib/api/keys/display";
import { listApiKeys } from "@/lib/api/keys/queries";
import { requireContext } from "@/lib/auth/context";
import { appOrigin } from "@/lib/invitations/mail";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "apikeys.manage");
  const [keys, origin] = await Promise.all([listApiKeys(ctx), appOrigin()]);
  const now = new Date();
  const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: ctx.timeZone });
  // dateStyle cannot be combined with timeZoneName: the parts are spelled out.
  const exact = new Intl.DateTimeFormat("en-US", {
    year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: ctx.timeZone, timeZoneName: "short",
  });
  const views: ApiKeyView[] = keys.map((k) => ({
    id: k.id,
    name: k.name,
    masked: maskedKey(k.prefix),
    access: k.access,
    createdBy: k.createdBy ? k.createdBy.name || k.createdBy.email : null,
    created: date.format(k.createdAt),
    createdExact: exact.format(k.createdAt),
    createdIso: k.createdAt.toISOString(),
    lastUsed: lastUsedText(k.lastUsedAt, now),
    lastUsedExact: k.lastUsedAt ? exact.format(k.lastUsedAt) : null,
    lastUsedIso: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
    revoked: k.revokedAt ? date.format(k.revokedAt) : null,
    revokedExact: k.revokedAt ? exact.format(k.revokedAt) : null,
  }));
  return <ApiKeysManager workspace={ctx.workspaceSlug} workspaceName={ctx.workspaceName} keys={views} origin={origin} />;
}
