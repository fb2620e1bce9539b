import type { Metadata } from "next";
import { connection } from "next/server";
import { SegmentEditor } from "@/components/segments/segment-editor";
import { requireContext } from "@/lib/auth/context";
import { loadEditorData } from "../load-editor";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage({ params }: { params: Promise<{ workspace: string }> }) {
  await connection();
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "segments.write");
  const data = await loadEditorData(ctx);
  return <SegmentEditor workspace={ctx.workspaceSlug} segment={null} readOnly={false} timeZone={ctx.timeZone} {...data} />;
}
