/**
 * Saved segments over the API: list (with live counts), get, create, update with If-Match, delete.
 * Writes go through lib/segments/saved-mutations (the builder's parser, version checks, reference
 * locks, audit entries naming the key), so the API and the app cannot disagree.
 */
import "server-only";
import { z } from "zod";
import { countSavedSegments, type SavedSegment } from "@/lib/segments/saved-queries";
import { createSegment, deleteSegment, SegmentConflictError, SegmentInUseError, updateSegment } from "@/lib/segments/saved-mutations";
import { segmentIdSchema } from "@/lib/segments/saved-schemas";
import { decodeCursor, encodeCursor, pageSchema } from "../cursor";
import { defineOperation, type ApiContext } from "../operation";
import { ApiProblem, notFoundProblem } from "../problem";
import { getSegmentEditor, listSegmentPage } from "./segments-queries";
import { segmentBodySchema, segmentListQuerySchema, segmentParamsSchema, segmentSchema, segmentSummarySchema } from "./segments-schemas";
import { etagOf, ifMatchVersion, segmentNotFoundAs404, segmentOr404, withSentDefinition } from "./segments-support";

const TAG = "Segments";

/** A segment as GET /segments/{id} answers it, with its ETag. */
async function segmentReply(ctx: ApiContext, segment: SavedSegment, status = 200, headers: Record<string, string> = {}) {
  const body: z.output<typeof segmentSchema> = {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    definition: segment.definition,
    version: segment.version,
    createdAt: segment.createdAt.toISOString(),
    updatedAt: segment.updatedAt.toISOString(),
    updatedBy: await getSegmentEditor(ctx, segment.id),
  };
  return { status, body, headers: { ETag: etagOf(segment.version), ...headers } };
}

const listScope = (ctx: ApiContext) => `${ctx.workspaceId}:segments`;
const cursorKey = z.tuple([z.string(), segmentIdSchema]);

export const listSegmentsOperation = defineOperation({
  operationId: "listSegments",
  method: "GET",
  path: "/segments",
  tag: TAG,
  summary: "List segments",
  description:
    "The workspace's segments by name (then id), a cursor page at a time, each with its live member count. A count that runs out of time " +
    "(or a definition that no longer validates) is null with countError, never an estimate. A segment renamed during a walk may move past or behind the cursor.",
  access: "read",
  query: segmentListQuerySchema,
  responses: { 200: { description: "A page of segments.", schema: pageSchema(segmentSummarySchema) } },
  async handle(ctx, { query }) {
    let after: { name: string; id: string } | null = null;
    if (query.cursor) {
      const key = cursorKey.safeParse(decodeCursor(listScope(ctx), query.cursor));
      if (!key.success) throw new ApiProblem(400, "The cursor is not valid here.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
      after = { name: key.data[0], id: key.data[1] };
    }
    const rows = await listSegmentPage(ctx, after, query.limit);
    const page = rows.slice(0, query.limit);
    const { counts } = await countSavedSegments(ctx, page.map((s) => s.id));
    const last = page[page.length - 1];
    return {
      body: {
        data: page.map((s) => {
          const c = counts.get(s.id);
          return {
            id: s.id, name: s.name, description: s.description, version: s.version,
            createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
            count: typeof c === "number" ? c : null,
            countError: typeof c === "string" ? c : c === undefined ? "Not counted." : null,
          };
        }),
        nextCursor: rows.length > query.limit && last ? encodeCursor(listScope(ctx), [last.name, last.id]) : null,
      },
    };
  },
});

export const getSegmentOperation = defineOperation({
  operationId: "getSegment",
  method: "GET",
  path: "/segments/{id}",
  tag: TAG,
  summary: "Get a segment",
  description: 'The segment with its definition as stored and its version; the ETag header is the version in quotes ("3"), to send back as If-Match.',
  access: "read",
  params: segmentParamsSchema,
  resource: "segment",
  responses: { 200: { description: "The segment.", schema: segmentSchema, headers: { ETag: { description: 'The version, e.g. "3".' } } } },
  async handle(ctx, { params }) {
    return segmentReply(ctx, await segmentOr404(ctx, params.id));
  },
});

export const createSegmentOperation = defineOperation({
  operationId: "createSegment",
  method: "POST",
  path: "/segments",
  tag: TAG,
  summary: "Create a segment",
  description: "Saves a new segment. The definition is validated exactly as the rule builder validates it; a 422 lists every problem with a pointer to its node.",
  access: "write",
  body: segmentBodySchema,
  responses: {
    201: { description: "Created.", schema: segmentSchema, headers: { Location: { description: "The segment's URL." }, ETag: { description: 'The version, "1".' } } },
  },
  errors: { 409: "A segment the definition refers to was deleted while saving." },
  async handle(ctx, { body }) {
    const segment = await withSentDefinition(() => createSegment(ctx, body));
    return segmentReply(ctx, segment, 201, { Location: `/api/v1/segments/${segment.id}` });
  },
});

export const updateSegmentOperation = defineOperation({
  operationId: "updateSegment",
  method: "PUT",
  path: "/segments/{id}",
  tag: TAG,
  summary: "Replace a segment",
  description:
    'Replaces name, description and definition. Needs If-Match: "<version>" (428 without it). When someone saved the segment after that version, ' +
    "nothing is changed and the 412 says which version is current, when and by whom it was saved.",
  access: "write",
  params: segmentParamsSchema,
  resource: "segment",
  body: segmentBodySchema,
  responses: { 200: { description: "Saved; the new version.", schema: segmentSchema, headers: { ETag: { description: "The new version." } } } },
  errors: {
    409: "A segment the definition refers to was deleted while saving.",
    412: "The If-Match version is stale: extra members currentVersion, updatedAt and updatedBy.",
    428: "If-Match is missing.",
  },
  async handle(ctx, { params, body, request }) {
    const version = ifMatchVersion(request);
    await segmentOr404(ctx, params.id);
    try {
      const segment = await withSentDefinition(() => updateSegment(ctx, { id: params.id, version, ...body }));
      return segmentReply(ctx, segment);
    } catch (e) {
      if (e instanceof SegmentConflictError) {
        throw new ApiProblem(412, `Version ${version} is not the current one: version ${e.currentVersion} was saved at ${e.savedAt.toISOString()}. Nothing was changed; GET the segment and apply your change to it.`, {
          extra: { currentVersion: e.currentVersion, updatedAt: e.savedAt.toISOString(), updatedBy: await getSegmentEditor(ctx, params.id) },
          headers: { ETag: etagOf(e.currentVersion) },
        });
      }
      return segmentNotFoundAs404(e);
    }
  },
});

export const deleteSegmentOperation = defineOperation({
  operationId: "deleteSegment",
  method: "DELETE",
  path: "/segments/{id}",
  tag: TAG,
  summary: "Delete a segment",
  description: "Deletes the segment; refused with 409 while other segments use it, naming them in referencedBy (id and name).",
  access: "write",
  params: segmentParamsSchema,
  resource: "segment",
  responses: { 204: { description: "Deleted." } },
  errors: { 409: "Other segments use this one: extra member referencedBy lists them ({ id, name })." },
  async handle(ctx, { params }) {
    try {
      await deleteSegment(ctx, { id: params.id });
    } catch (e) {
      if (e instanceof SegmentInUseError) throw new ApiProblem(409, e.message, { extra: { referencedBy: e.referencedBy } });
      if (e instanceof z.ZodError) throw notFoundProblem("segment");
      return segmentNotFoundAs404(e);
    }
    return { status: 204 };
  },
});
