import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { SegmentEditor } from "@/components/segments/segment-editor";
import { SegmentTabs } from "@/components/segments/segment-tabs";
import { Alert } from "@/components/ui/alert";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { definitionSchema, type SegmentDefinition } from "@/lib/segments/schema";
import { getSegment } from "@/lib/segments/saved-queries";
import { segmentIdSchema } from "@/lib/segments/saved-schemas";
import { loadEditorData } from "../load-editor";

export const metadata: Metadata = { title: "Segment" };

type Props = {
  params: Promise<{ workspace: string; segmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SegmentPage({ params, searchParams }: Props) {
  await connection();
  const [{ workspace, segmentId }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireContext(workspace, "segments.read");
  const id = segmentIdSchema.safeParse(segmentId);
  if (!id.success) notFound();
  const [segment, data] = await Promise.all([getSegment(ctx, id.data), loadEditorData(ctx)]);
  if (!segment) notFound();
  // A stored definition that no longer has the version 1 shape opens as an empty builder with a notice, never a crash.
  const shape = definitionSchema.safeParse(segment.definition);
  const definition: SegmentDefinition = shape.success
    ? (shape.data as SegmentDefinition)
    : { version: 1, root: { type: "group", combinator: "and", negate: false, children: [] } };
  return (
    <div className="space-y-4">
      <SegmentTabs workspace={ctx.workspaceSlug} segmentId={segment.id} current="rules" />
      {search.saved && <Alert variant="success">Segment saved.</Alert>}
      {!shape.success && <Alert variant="error">The stored rules of this segment could not be read ({shape.error.issues[0]?.message}); saving replaces them.</Alert>}
      <SegmentEditor
        key={segment.id}
        workspace={ctx.workspaceSlug}
        segment={{
          id: segment.id, version: segment.version, name: segment.name, description: segment.description, definition,
          updatedAt: segment.updatedAt.toISOString(), updatedBy: segment.updatedBy ? segment.updatedBy.name : null,
        }}
        readOnly={!can(ctx.role, "segments.write")}
        timeZone={ctx.timeZone}
        {...data}
      />
    </div>
  );
}
