/** zod schemas of the segment operations: they parse the requests and write the OpenAPI document. */
import { z } from "zod";
import { pageQuerySchema } from "../cursor";
import { segmentDescriptionSchema, segmentIdSchema, segmentNameSchema } from "@/lib/segments/saved-schemas";

const EXAMPLE_ID = "4f6c1a52-8d0e-4b7a-9c1d-2e3f4a5b6c7d";

export const DEFINITION_EXAMPLE = {
  version: 1,
  root: {
    type: "group",
    combinator: "and",
    negate: false,
    children: [
      { type: "field", field: "country", operator: "in", value: ["PL", "DE"] },
      { type: "orders", measure: "count", operator: "gte", value: 3, window: { type: "last", amount: 90, unit: "day" } },
    ],
  },
};

/** A definition in the request: any JSON here, checked by the builder's own parser (errors point at the node). */
export const definitionInputSchema = z
  .unknown()
  .refine((v) => v !== undefined, "The segment needs a definition.")
  .meta({
    description:
      "A segment definition, version 1: { version: 1, root: <group> } with field, orders, event, segment and rfm conditions (see the segment definition format). " +
      "It is validated exactly as the rule builder validates it; every problem is reported with a pointer to its node, e.g. /definition/root/children/0/value.",
    example: DEFINITION_EXAMPLE,
  });

export const segmentParamsSchema = z.object({
  id: segmentIdSchema.meta({ description: "The segment's id.", example: EXAMPLE_ID }),
});

export const segmentBodySchema = z.object({
  name: segmentNameSchema.meta({ description: "1–100 characters.", example: "Lapsed buyers" }),
  description: segmentDescriptionSchema.meta({ description: "At most 500 characters; empty or null: none.", example: "Bought 3+ times, nothing in 90 days" }),
  definition: definitionInputSchema,
});

export const adHocCountBodySchema = z.object({ definition: definitionInputSchema });

export const segmentListQuerySchema = pageQuerySchema;

export const memberQuerySchema = pageQuerySchema.extend({
  fields: z.string().max(2000).optional().meta({
    description: "Comma-separated field keys to add to each member, e.g. firstName,country,custom.tier (standard fields by key, custom ones under `custom`).",
    example: "firstName,country,custom.tier",
  }),
});

export const explainQuerySchema = z
  .object({
    customerId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not a customer id").optional().meta({ description: "The customer's id.", example: EXAMPLE_ID }),
    email: z.string().trim().min(1).max(320).optional().meta({ description: "Or the customer's email (case-insensitive).", example: "ada@example.com" }),
  })
  .refine((q) => (q.customerId === undefined) !== (q.email === undefined), "give exactly one of customerId and email");

const isoTime = z.string().meta({ description: "ISO 8601 UTC.", example: "2026-12-02T10:15:00.000Z" });

export const editorSchema = z
  .union([
    z.object({ kind: z.literal("user"), name: z.string(), email: z.string() }),
    z.object({ kind: z.literal("api_key"), name: z.string(), prefix: z.string().meta({ description: "The key's visible prefix." }) }),
    z.null(),
  ])
  // No component id of its own: lib/api/openapi.ts would then list Segment twice (a component holding a $ref to another).
  .meta({ description: "Who saved the current version: a person, an API key, or null when neither can be named (a deleted user, the command line)." });

export const segmentSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: "Lapsed buyers" }),
    description: z.string().nullable(),
    version: z.int().meta({ description: "Incremented on every save; send it back as If-Match.", example: 3 }),
    createdAt: isoTime,
    updatedAt: isoTime,
    count: z.int().nullable().meta({ description: "Members now; null when it could not be counted (see countError).", example: 1204 }),
    countError: z.string().nullable().meta({ description: "Why count is null: the count ran out of time, or the definition no longer validates." }),
  })
  .meta({ id: "SegmentSummary" });

export const segmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: "Lapsed buyers" }),
    description: z.string().nullable(),
    definition: z.unknown().meta({ description: "The definition as stored (version 1 format).", example: DEFINITION_EXAMPLE }),
    version: z.int().meta({ example: 3 }),
    createdAt: isoTime,
    updatedAt: isoTime,
    updatedBy: editorSchema,
  })
  .meta({ id: "Segment" });

export const countSchema = z.object({
  count: z.int().meta({ example: 1204 }),
  asOf: isoTime.meta({ description: "The instant relative dates and windows were measured from." }),
});

export const memberSchema = z
  .looseObject({
    id: z.uuid(),
    email: z.string().nullable(),
    externalId: z.string().nullable(),
  })
  .meta({
    id: "SegmentMember",
    description: "A member; with fields=, also those fields (standard ones by key, custom ones in `custom`; money as strings, times ISO 8601, empty values null).",
    example: { id: EXAMPLE_ID, email: "ada@example.com", externalId: "A-17", firstName: "Ada", country: "PL", custom: { tier: "gold" } },
  });

export const memberPageSchema = z.object({
  data: z.array(memberSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as ?cursor= for the next page; null on the last page. The walk is evaluated at asOf throughout." }),
  asOf: isoTime.meta({ description: "The instant the members are exact as of: the stored members' as-of time, or the instant the walk is evaluated at (fixed by the first page)." }),
});

export interface ExplainJson {
  path: string;
  pointer: string;
  node: Record<string, unknown>;
  result: boolean;
  actual?: unknown;
  measured?: number | string | null;
  children?: ExplainJson[];
}

export const explainNodeSchema: z.ZodType<ExplainJson> = z
  .object({
    path: z.string().meta({ description: "The node's path, as in validation messages.", example: "root.children[0]" }),
    pointer: z.string().meta({ description: "The node as a JSON Pointer into the segment.", example: "/definition/root/children/0" }),
    node: z.record(z.string(), z.unknown()).meta({ description: "The condition as written (a group without its children)." }),
    result: z.boolean(),
    actual: z.unknown().optional().meta({ description: "Field conditions: the customer's value (null when empty)." }),
    measured: z.union([z.number(), z.string(), z.null()]).optional().meta({ description: "Orders, event and RFM conditions: what was measured." }),
    get children() {
      return z.array(explainNodeSchema).optional();
    },
  })
  .meta({ id: "ExplainNode" });

export const explainSchema = z.object({
  segment: z.object({ id: z.uuid(), name: z.string() }),
  customer: z.object({ id: z.uuid(), email: z.string().nullable(), name: z.string().nullable() }),
  member: z.boolean().meta({ description: "Whether the customer is in the segment now." }),
  asOf: isoTime,
  explanation: explainNodeSchema,
});

const moneyString = z.string().meta({ example: "129.90" });

export const dashboardSchema = z.object({
  segment: z.object({ id: z.uuid(), name: z.string() }),
  headline: z.object({
    members: z.int(),
    customers: z.int(),
    memberShare: z.number(),
    revenue: moneyString,
    revenueShare: z.number(),
    revenue12m: moneyString.nullable(),
    revenue12mShare: z.number().nullable(),
    orders: z.int(),
    averageOrderValue: moneyString.nullable(),
    ordersPerMember: z.number().nullable(),
    averageMemberValue: moneyString.nullable(),
    newMembers: z.int().meta({ description: "Members created in the last 30 days." }),
  }),
  monthly: z.array(z.object({ month: z.string().meta({ example: "2026-11" }), memberRevenue: moneyString, memberOrders: z.int(), allRevenue: moneyString, allOrders: z.int() })),
  breakdowns: z.array(
    z.object({
      dimension: z.string().meta({ example: "country" }),
      title: z.string(),
      rows: z.array(z.object({ key: z.string().nullable(), label: z.string(), members: z.int(), revenue: moneyString })),
    }),
  ),
  categories: z.array(z.object({ category: z.string(), revenue: moneyString, quantity: z.number() })),
  topMembers: z.array(
    z.object({
      id: z.uuid(), name: z.string().nullable(), email: z.string().nullable(), country: z.string().nullable(),
      ordersCount: z.int(), totalSpent: moneyString, lastOrderAt: z.string().nullable(),
    }),
  ),
  computedAt: isoTime,
  today: z.string().meta({ description: "The workspace's local date the windows are measured from.", example: "2026-12-02" }),
});
