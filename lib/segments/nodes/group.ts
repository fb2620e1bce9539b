/** The group node (and / or over 1–50 children, optionally negated) and the union of all node kinds. */
import { z } from "zod";
import { LIMITS } from "../limits";
import { eventNodeSchema } from "./event";
import { fieldNodeSchema } from "./field";
import { ordersNodeSchema } from "./orders";
import { rfmNodeSchema } from "./rfm";
import { segmentNodeSchema } from "./segment";

const NODE_TYPES = ["group", "field", "orders", "event", "segment", "rfm"];

/** A group: all (and) or any (or) of its children; negate means none of them / not all of them. */
export const groupNodeSchema = z.strictObject({
  type: z.literal("group", { error: 'must be a group ("type": "group")' }),
  combinator: z.enum(["and", "or"], { error: 'combinator must be "and" or "or"' }),
  negate: z.boolean({ error: "negate must be true or false" }).default(false),
  get children(): z.ZodArray<typeof conditionNodeSchema> {
    return z
      .array(conditionNodeSchema, { error: "children must be a list of conditions" })
      .min(1, "a group needs at least one condition")
      .max(LIMITS.children, `a group holds at most ${LIMITS.children} conditions`);
  },
});

/** Any node of a definition tree, by its type. */
export const conditionNodeSchema = z.discriminatedUnion(
  "type",
  [groupNodeSchema, fieldNodeSchema, ordersNodeSchema, eventNodeSchema, segmentNodeSchema, rfmNodeSchema],
  { error: (issue) => (issue.code === "invalid_union" ? `type must be one of ${NODE_TYPES.join(", ")}` : undefined) },
);

export type GroupNode = z.infer<typeof groupNodeSchema>;
export type ConditionNode = z.infer<typeof conditionNodeSchema>;
