/** Limits of a version 1 definition (SEGMENT_FORMAT.md "Limits" and the value table). */
export const LIMITS = {
  /** Nodes in one definition, groups included. */
  nodes: 200,
  /** Groups nested inside each other, the root group counting as 1. */
  groupDepth: 5,
  children: 50,
  /** Characters in any string of a definition. */
  string: 500,
  /** Values in an in / not_in / has_* list. */
  list: 1000,
  /** Property filters of an event condition. */
  where: 10,
  /** Categories of an orders filter. */
  categories: 100,
  /** N of in_last / more_than_ago / in_next and of "last N" windows. */
  relativeAmount: 3650,
  /** N of anniversary_in_next. */
  anniversaryDays: 366,
  /** Largest count an orders / event condition compares with. */
  count: 1_000_000_000,
  /** Largest absolute amount of money (NUMERIC(14,2)). */
  money: 999_999_999_999.99,
  /** Largest absolute value of a number field comparison. */
  number: 1e15,
  /** Segment references nested inside each other. */
  referenceDepth: 5,
  /** Nodes of a definition with its referenced segments inlined. */
  expandedNodes: 2000,
} as const;
