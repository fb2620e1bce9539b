import "server-only";
import { getDb } from "@/lib/db/client";
import { assertCanManageWebhooks } from "./queries";
import type { WebhooksContext } from "./types";

/** The workspace's segments by name, for choosing what an endpoint receives. */
export async function listWebhookSegments(ctx: WebhooksContext): Promise<{ id: string; name: string }[]> {
  assertCanManageWebhooks(ctx);
  const { prisma } = await getDb();
  return prisma.segment.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
