/**
 * The fixed benchmark segments over generated data (lib/seed): each a definition for the engine
 * and a hand-written SQL query answering the same question, written independently as a DBA would
 * (knowing the data: ISO countries upper-case, option keys as stored, attributes of the seed's
 * types). Hand-written parameters: $1 the workspace id, $2 now (timestamptz), $3 the workspace's
 * time zone. Day boundaries are the workspace zone's.
 */

/** A benchmark segment. */
export interface SegmentCase {
  name: string;
  question: string;
  /** The engine's definition; ref is the id of the saved REFERENCED_SEGMENT. */
  definition(ref: string): unknown;
  /** Counts the members; $1 workspace id, $2 now, $3 time zone. */
  handSql: string;
}

/** The saved segment the "segment reference" case refers to: high value by spend or by order count. */
export const REFERENCED_SEGMENT = {
  name: "Benchmark: high value (spent ≥ 2,000 or ≥ 12 paid orders)",
  definition: {
    version: 1,
    root: {
      type: "group", combinator: "or", negate: false, children: [
        { type: "field", field: "totalSpent", operator: "gte", value: 2000 },
        { type: "field", field: "ordersCount", operator: "gte", value: 12 },
      ],
    },
  },
} as const;

const TODAY = `($2::timestamptz AT TIME ZONE $3)::date`;
/** The instant the day `days` days before today starts (workspace zone). */
const daysAgo = (days: number) => `((${TODAY} - ${days})::timestamp AT TIME ZONE $3)`;
const monthsAgo = (months: number) => `((${TODAY} - interval '${months} months')::date::timestamp AT TIME ZONE $3)`;

const and = (...children: unknown[]) => ({ version: 1, root: { type: "group", combinator: "and", negate: false, children } });
const field = (name: string, operator: string, value?: unknown) => ({ type: "field", field: name, operator, ...(value === undefined ? {} : { value }) });
const lastDays = (amount: number) => ({ type: "last", amount, unit: "day" });

export const SEGMENT_CASES: readonly SegmentCase[] = [
  {
    name: "profile",
    question: "women aged 25–40 in PL, DE or FR, opted in, lifecycle customer",
    definition: () => and(
      field("gender", "eq", "female"), field("age", "between", [25, 40]), field("country", "in", ["PL", "DE", "FR"]),
      field("emailOptIn", "is_true"), field("lifecycleStage", "eq", "customer"),
    ),
    handSql: `SELECT count(*) FROM "Customer"
      WHERE "workspaceId" = $1 AND gender = 'female' AND "emailOptIn" AND "lifecycleStage" = 'customer'
        AND country IN ('PL', 'DE', 'FR')
        AND "birthDate" > (${TODAY} - interval '41 years')::date AND "birthDate" <= (${TODAY} - interval '25 years')::date`,
  },
  {
    name: "custom-fields",
    question: "mobile users into fitness or wellness, > 5,000 loyalty points, newsletter",
    definition: () => and(
      field("custom.preferred_device", "eq", "mobile"), field("custom.interests", "has_any", ["fitness", "wellness"]),
      field("custom.loyalty_points", "gt", 5000), field("custom.newsletter", "is_true"),
    ),
    handSql: `SELECT count(*) FROM "Customer"
      WHERE "workspaceId" = $1 AND attributes @> '{"preferred_device": "mobile", "newsletter": true}'
        AND attributes -> 'interests' ?| array['fitness', 'wellness']
        AND (attributes ->> 'loyalty_points')::numeric > 5000`,
  },
  {
    name: "nested-or-not",
    question: "(US or GB, or software/finance with ≥ 50 staff) and not (wholesale or churned)",
    definition: () => and(
      { type: "group", combinator: "or", negate: false, children: [
        field("country", "in", ["US", "GB"]),
        { type: "group", combinator: "and", negate: false, children: [field("industry", "in", ["software", "finance"]), field("companySize", "gte", 50)] },
      ] },
      { type: "group", combinator: "or", negate: true, children: [field("tags", "has_any", ["wholesale"]), field("lifecycleStage", "eq", "churned")] },
    ),
    handSql: `SELECT count(*) FROM "Customer"
      WHERE "workspaceId" = $1
        AND (country IN ('US', 'GB') OR (industry IN ('software', 'finance') AND "companySize" >= 50))
        AND NOT ('wholesale' = ANY (tags)) AND "lifecycleStage" IS DISTINCT FROM 'churned'`,
  },
  {
    name: "orders-category",
    question: "≥ 2 paid orders with electronics in the last 90 days",
    definition: () => and({ type: "orders", measure: "count", operator: "gte", value: 2, window: lastDays(90), filter: { categories: ["electronics"] } }),
    handSql: `SELECT count(*) FROM (
        SELECT o."customerId" FROM "Order" o
        WHERE o."workspaceId" = $1 AND o.status = 'paid' AND o."placedAt" >= ${daysAgo(90)} AND o."placedAt" <= $2
          AND EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."workspaceId" = $1 AND i."orderId" = o.id AND i.category = 'electronics')
        GROUP BY o."customerId" HAVING count(*) >= 2) t`,
  },
  {
    name: "spend-window",
    question: "spent ≥ 500 in paid orders in the last 12 months",
    definition: () => and({ type: "orders", measure: "sum", operator: "gte", value: 500, window: { type: "last", amount: 12, unit: "month" } }),
    handSql: `SELECT count(*) FROM (
        SELECT "customerId" FROM "Order"
        WHERE "workspaceId" = $1 AND status = 'paid' AND "placedAt" >= ${monthsAgo(12)} AND "placedAt" <= $2
        GROUP BY "customerId" HAVING sum(total) >= 500) t`,
  },
  {
    name: "event-not-done",
    question: "opted in, but opened no email in the last 60 days",
    definition: () => and(field("emailOptIn", "is_true"), { type: "event", name: "email_opened", operator: "eq", value: 0, window: lastDays(60) }),
    handSql: `SELECT count(*) FROM "Customer" c
      WHERE c."workspaceId" = $1 AND c."emailOptIn"
        AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."workspaceId" = $1 AND e."customerId" = c.id AND e.name = 'email_opened'
                          AND e."occurredAt" >= ${daysAgo(60)} AND e."occurredAt" <= $2)`,
  },
  {
    name: "lapsed-buyers",
    question: "has paid orders, but none in the last 180 days",
    definition: () => and(field("ordersCount", "gte", 1), { type: "orders", measure: "count", operator: "eq", value: 0, window: lastDays(180) }),
    handSql: `SELECT count(*) FROM "Customer" c
      WHERE c."workspaceId" = $1 AND c."ordersCount" > 0
        AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."workspaceId" = $1 AND o."customerId" = c.id AND o.status = 'paid'
                          AND o."placedAt" >= ${daysAgo(180)} AND o."placedAt" <= $2)`,
  },
  {
    name: "relative-dates",
    question: "signed up in the last 6 months, not seen for 30+ days, birthday in the next 14 days",
    definition: () => and(
      field("signedUpAt", "in_last", { amount: 6, unit: "month" }), field("lastSeenAt", "more_than_ago", { amount: 30, unit: "day" }),
      field("birthDate", "anniversary_in_next", { amount: 14, unit: "day" }),
    ),
    handSql: `SELECT count(*) FROM "Customer"
      WHERE "workspaceId" = $1 AND "signedUpAt" >= ${monthsAgo(6)} AND "signedUpAt" <= $2 AND "lastSeenAt" < ${daysAgo(30)}
        AND to_char("birthDate", 'MM-DD') IN (SELECT to_char(d, 'MM-DD') FROM generate_series(${TODAY}, ${TODAY} + 14, interval '1 day') d)`,
  },
  {
    name: "segment-reference",
    question: "in the saved high-value segment, and viewed a product in the last 14 days",
    definition: (ref) => and({ type: "segment", segmentId: ref, operator: "in" }, { type: "event", name: "product_viewed", operator: "gte", value: 1, window: lastDays(14) }),
    handSql: `SELECT count(*) FROM "Customer" c
      WHERE c."workspaceId" = $1 AND (c."totalSpent" >= 2000 OR c."ordersCount" >= 12)
        AND EXISTS (SELECT 1 FROM "Event" e WHERE e."workspaceId" = $1 AND e."customerId" = c.id AND e.name = 'product_viewed'
                      AND e."occurredAt" >= ${daysAgo(14)} AND e."occurredAt" <= $2)`,
  },
  {
    name: "ten-conditions",
    question: "10 conditions: profile, tags, custom, spend, orders and events windows, an OR with a category spend",
    definition: () => and(
      field("country", "in", ["US", "GB", "DE", "FR", "PL", "NL"]), field("age", "gte", 21), field("emailOptIn", "is_true"),
      field("lifecycleStage", "in", ["customer", "prospect"]), field("tags", "has_none", ["wholesale"]),
      field("custom.preferred_device", "in", ["mobile", "tablet"]), field("totalSpent", "gte", 100),
      { type: "orders", measure: "count", operator: "gte", value: 1, window: lastDays(180) },
      { type: "event", name: "cart_abandoned", operator: "gte", value: 1, window: lastDays(30) },
      { type: "group", combinator: "or", negate: false, children: [
        field("custom.interests", "has_any", ["fashion", "music"]),
        { type: "orders", measure: "sum", operator: "gte", value: 100, window: lastDays(365), filter: { categories: ["fashion"] } },
      ] },
    ),
    handSql: `SELECT count(*) FROM "Customer" c
      WHERE c."workspaceId" = $1 AND c.country IN ('US', 'GB', 'DE', 'FR', 'PL', 'NL')
        AND c."birthDate" <= (${TODAY} - interval '21 years')::date AND c."emailOptIn"
        AND c."lifecycleStage" IN ('customer', 'prospect') AND NOT ('wholesale' = ANY (c.tags))
        AND c.attributes ->> 'preferred_device' IN ('mobile', 'tablet') AND c."totalSpent" >= 100
        AND EXISTS (SELECT 1 FROM "Order" o WHERE o."workspaceId" = $1 AND o."customerId" = c.id AND o.status = 'paid'
                      AND o."placedAt" >= ${daysAgo(180)} AND o."placedAt" <= $2)
        AND EXISTS (SELECT 1 FROM "Event" e WHERE e."workspaceId" = $1 AND e."customerId" = c.id AND e.name = 'cart_abandoned'
                      AND e."occurredAt" >= ${daysAgo(30)} AND e."occurredAt" <= $2)
        AND (c.attributes -> 'interests' ?| array['fashion', 'music']
             OR (SELECT sum(i.quantity * i."unitPrice") FROM "Order" o JOIN "OrderItem" i ON i."workspaceId" = $1 AND i."orderId" = o.id
                 WHERE o."workspaceId" = $1 AND o."customerId" = c.id AND o.status = 'paid'
                   AND o."placedAt" >= ${daysAgo(365)} AND o."placedAt" <= $2 AND i.category = 'fashion') >= 100)`,
  },
];
