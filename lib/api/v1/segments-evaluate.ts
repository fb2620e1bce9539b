/**
 * What a segment evaluates to, over the API: its count, an ad hoc definition's count, its members
 * (keyset pages by customer id), why one customer is in or out, and its dashboard's numbers. All of
 * it runs the app's own engine (lib/segments, lib/dashboard) under the same time budgets.
 */
import "server-only";
import { z } from "zod";
import { computeDashboard } from "@/lib/dashboard/queries";
import type { SegmentDashboard } from "@/lib/dashboard/types";
import { getCatalog } from "@/lib/fields/queries";
import { countSegment } from "@/lib/segments/count";
import type { ExplainNode } from "@/lib/segments/explain";
import { explainMember } from "@/lib/segments/members";
import { segmentIdSchema } from "@/lib/segments/saved-schemas";
import { decodeCursor, encodeCursor } from "../cursor";
import { defineOperation, type ApiContext } from "../operation";
import { ApiProblem } from "../problem";
import { memberPage } from "./segments-queries";
import {
  adHocCountBodySchema, countSchema, dashboardSchema, explainQuerySchema, explainSchema, memberPageSchema, memberQuerySchema, segmentParamsSchema, type ExplainJson,
} from "./segments-schemas";
import { memberFields, money, nodePathPointer, requestedFields, segmentOr404, withSentDefinition, withStoredDefinition } from "./segments-support";

const TAG = "Segments";
const TIMEOUT = { 503: "Counting took longer than the time budget and was stopped." };

export const countSegmentOperation = defineOperation({
  operationId: "countSegment",
  method: "GET",
  path: "/segments/{id}/count",
  tag: TAG,
  summary: "Count a segment's members",
  description: "How many customers are members now. A count past the time budget is a 503, never an estimate.",
  access: "read",
  params: segmentParamsSchema,
  resource: "segment",
  responses: { 200: { description: "The member count.", schema: countSchema } },
  errors: { 409: "The stored definition no longer validates.", ...TIMEOUT },
  async handle(ctx, { params }) {
    const segment = await segmentOr404(ctx, params.id);
    const now = new Date();
    const count = await withStoredDefinition(() => countSegment(ctx, segment.definition, { now }));
    return { body: { count, asOf: now.toISOString() } };
  },
});

export const countDefinitionOperation = defineOperation({
  operationId: "countDefinition",
  method: "POST",
  path: "/segments/count",
  tag: TAG,
  summary: "Count an ad hoc definition",
  description: "How many customers a definition (not saved) matches now. Validated as the builder validates it: a 422 points at each node's problem.",
  access: "read",
  body: adHocCountBodySchema,
  responses: { 200: { description: "The count.", schema: countSchema } },
  errors: TIMEOUT,
  async handle(ctx, { body }) {
    const now = new Date();
    const count = await withSentDefinition(() => countSegment(ctx, body.definition, { now }));
    return { body: { count, asOf: now.toISOString() } };
  },
});

const membersScope = (ctx: ApiContext, segmentId: string) => `${ctx.workspaceId}:segment-members:${segmentId}`;
const membersCursor = z.tuple([segmentIdSchema, z.number().int().positive()]);

export const listSegmentMembersOperation = defineOperation({
  operationId: "listSegmentMembers",
  method: "GET",
  path: "/segments/{id}/members",
  tag: TAG,
  summary: "List a segment's members",
  description:
    "Members by customer id, a cursor page at a time, each with id, email and externalId plus the fields asked for with fields=. The whole walk is " +
    "read from the segment's stored members (exact as of asOf) or, while they are being updated, evaluated at the instant of its first page (asOf); " +
    "either way a customer who was a member throughout is seen exactly once, even while customers are added.",
  access: "read",
  params: segmentParamsSchema,
  resource: "segment",
  query: memberQuerySchema,
  responses: { 200: { description: "A page of members.", schema: memberPageSchema } },
  errors: { 409: "The stored definition no longer validates.", ...TIMEOUT },
  async handle(ctx, { params, query }) {
    const segment = await segmentOr404(ctx, params.id);
    let afterId: string | null = null;
    let now = new Date();
    if (query.cursor) {
      const key = membersCursor.safeParse(decodeCursor(membersScope(ctx, segment.id), query.cursor));
      if (!key.success) throw new ApiProblem(400, "The cursor is not valid here.", { errors: [{ parameter: "cursor", message: "not a cursor of this list" }] });
      [afterId] = key.data;
      now = new Date(key.data[1]);
    }
    const fields = requestedFields(await getCatalog(ctx), query.fields);
    const { rows, stored } = await withStoredDefinition(() => memberPage(ctx, segment, { afterId, limit: query.limit, now, fields }));
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      body: {
        data: page.map((m) => ({ id: m.id, email: m.email, externalId: m.externalId, ...(m.row ? memberFields(fields, m.row, now, ctx.timeZone) : {}) })),
        nextCursor: rows.length > query.limit && last ? encodeCursor(membersScope(ctx, segment.id), [last.id, now.getTime()]) : null,
        asOf: (stored.usable && stored.asOf ? stored.asOf : now).toISOString(),
      },
    };
  },
});

function explainJson(node: ExplainNode, base: string[]): ExplainJson {
  const out: ExplainJson = { path: node.path, pointer: nodePathPointer(node.path, base), node: node.node as Record<string, unknown>, result: node.result };
  if (node.actual !== undefined) out.actual = node.actual;
  if (node.measured !== undefined) out.measured = node.measured;
  if (node.children) {
    // A segment condition's child is the referenced segment's root: its paths are in that segment.
    const childBase = node.node.type === "segment" ? ["segments", node.node.segmentId, "definition"] : base;
    out.children = node.children.map((c) => explainJson(c, childBase));
  }
  return out;
}

export const explainSegmentOperation = defineOperation({
  operationId: "explainSegmentMember",
  method: "GET",
  path: "/segments/{id}/explain",
  tag: TAG,
  summary: "Explain one customer's membership",
  description: "Whether the customer (by customerId or email) is a member now, and why: every condition with its result and what was compared or measured.",
  access: "read",
  params: segmentParamsSchema,
  resource: "segment",
  query: explainQuerySchema,
  responses: { 200: { description: "The verdict and the explained tree.", schema: explainSchema } },
  errors: { 409: "The stored definition no longer validates." },
  async handle(ctx, { params, query }) {
    const segment = await segmentOr404(ctx, params.id);
    const now = new Date();
    const ref = query.customerId ?? query.email ?? "";
    const explained = await withStoredDefinition(() => explainMember(ctx, segment.definition, ref, { now }));
    return {
      body: {
        segment: { id: segment.id, name: segment.name },
        customer: explained.customer,
        member: explained.member,
        asOf: now.toISOString(),
        explanation: explainJson(explained.explanation, ["definition"]),
      },
    };
  },
});

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** The dashboard with every amount of money as a two-decimal string. */
function dashboardJson(segment: { id: string; name: string }, d: SegmentDashboard): z.output<typeof dashboardSchema> {
  const h = d.headline;
  return {
    segment,
    headline: {
      ...h,
      revenue: money(h.revenue)!, revenue12m: money(h.revenue12m), averageOrderValue: money(h.averageOrderValue), averageMemberValue: money(h.averageMemberValue),
    },
    monthly: d.monthly.map((m) => ({ ...m, memberRevenue: money(m.memberRevenue)!, allRevenue: money(m.allRevenue)! })),
    breakdowns: d.breakdowns.map((b) => ({ dimension: b.dimension, title: b.title, rows: b.rows.map((r) => ({ ...r, revenue: money(r.revenue)! })) })),
    categories: d.categories.map((c) => ({ ...c, revenue: money(c.revenue)! })),
    topMembers: d.topMembers.map((t) => ({ ...t, totalSpent: money(t.totalSpent)!, lastOrderAt: iso(t.lastOrderAt) })),
    computedAt: d.computedAt,
    today: d.today,
  };
}

export const segmentDashboardOperation = defineOperation({
  operationId: "getSegmentDashboard",
  method: "GET",
  path: "/segments/{id}/dashboard",
  tag: TAG,
  summary: "A segment's dashboard numbers",
  description:
    "What the segment's dashboard shows, as JSON: headline numbers (members, revenue, orders, shares), 12 months of revenue, breakdowns, " +
    "top categories of the last 90 days and the top members. Money as two-decimal strings.",
  access: "read",
  params: segmentParamsSchema,
  resource: "segment",
  responses: { 200: { description: "The dashboard.", schema: dashboardSchema } },
  errors: { 409: "The stored definition no longer validates.", 503: "Computing took longer than the time budget and was stopped." },
  async handle(ctx, { params }) {
    const segment = await segmentOr404(ctx, params.id);
    const dashboard = await withStoredDefinition(() => computeDashboard(ctx, segment.definition, { segmentId: segment.id }));
    return { body: dashboardJson({ id: segment.id, name: segment.name }, dashboard) };
  },
});
