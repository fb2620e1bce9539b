/**
 * The nested segment e2e/segments-builder.spec.ts builds through the UI, as the definition the
 * builder must produce. test/segments-builder-definition.test.ts counts it on the demo seed with the
 * engine and with hand-written SQL (the e2e server's embedded database can't be opened by a second
 * process while it runs, so the hand-written SQL runs there).
 */
export const NESTED_SEGMENT_DEFINITION = {
  version: 1,
  root: {
    type: "group",
    combinator: "and",
    negate: false,
    children: [
      { type: "field", field: "country", operator: "in", value: ["US", "GB"] },
      { type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 365, unit: "day" } },
      {
        type: "group",
        combinator: "or",
        negate: true,
        children: [
          { type: "field", field: "custom.interests", operator: "has_any", value: ["travel"] },
          { type: "event", name: "email_opened", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } },
        ],
      },
    ],
  },
} as const;
