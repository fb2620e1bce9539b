import type { Metadata } from "next";
import { connection } from "next/server";
import { SegmentEditor, type EditorStart } from "@/components/segments/segment-editor";
import { TemplatePicker } from "@/components/segments/template-picker";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { findTemplate, newSegmentSearchSchema, rfmTemplate } from "@/lib/segments/templates";
import { loadEditorData } from "../load-editor";

export const metadata: Metadata = { title: "New segment" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A new segment: empty, from a template (`?template=<id>`), or of one RFM group (`?rfm=<name>`, the RFM page's link). */
export default async function NewSegmentPage({ params, searchParams }: Props) {
  await connection();
  const [{ workspace }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireContext(workspace, "segments.write");
  const data = await loadEditorData(ctx);
  const { template: templateId, rfm } = newSegmentSearchSchema.parse(search);
  const rfmGroups = data.suggestions.rfmSegments;
  let notice: string | null = null;
  let start: EditorStart | null = null;
  if (rfm !== undefined) {
    if (rfmGroups.includes(rfm)) start = rfmTemplate(rfm);
    else notice = `This workspace has no RFM group called “${rfm}”. Pick one of its groups below.`;
  } else if (templateId !== undefined) {
    start = findTemplate(templateId) ?? null;
    if (!start) notice = "That template no longer exists. Pick one of the templates below.";
  }
  const intro = (
    <>
      {notice && <Alert variant="warning">{notice}</Alert>}
      <TemplatePicker workspace={ctx.workspaceSlug} rfmGroups={rfmGroups} current={start?.name ?? null} />
    </>
  );
  return (
    <SegmentEditor
      key={start?.name ?? "blank"}
      workspace={ctx.workspaceSlug}
      segment={null}
      start={start}
      intro={intro}
      readOnly={false}
      timeZone={ctx.timeZone}
      {...data}
    />
  );
}
