/**
 * The RFM rule set as stored in Workspace.settings.rfm and as the admin editor submits it,
 * parsed by zod: 1–30 rules, unique names (not "Others"), score ranges 1–5 with low <= high.
 */
import { z } from "zod";
import { DEFAULT_RFM_RULES, OTHERS, segmentKey, type RfmRule } from "./rules";
import { RFM_BINS } from "./scoring";

export const MAX_RFM_RULES = 30;

const score = z.number({ error: `a score must be a whole number from 1 to ${RFM_BINS}` })
  .int(`a score must be a whole number from 1 to ${RFM_BINS}`)
  .min(1, `a score must be from 1 to ${RFM_BINS}`)
  .max(RFM_BINS, `a score must be from 1 to ${RFM_BINS}`);

const rangeSchema = z
  .tuple([score, score], { error: `a score range is [low, high], both from 1 to ${RFM_BINS}` })
  .refine(([lo, hi]) => lo <= hi, "the low score must not be above the high score");

/** One rule. */
export const rfmRuleSchema = z.strictObject({
  name: z.string({ error: "a segment needs a name" }).trim().min(1, "a segment needs a name").max(60, "a segment name has at most 60 characters")
    .refine((n) => segmentKey(n) !== "", "a segment name needs at least one letter or digit")
    .refine((n) => n.toLowerCase() !== OTHERS.toLowerCase(), `"${OTHERS}" is reserved for customers that match no rule`),
  description: z.string().trim().max(200, "a description has at most 200 characters").optional(),
  recency: rangeSchema,
  frequency: rangeSchema,
  monetary: rangeSchema,
});

/** A rule set, in the order rules apply. */
export const rfmRuleSetSchema = z
  .array(rfmRuleSchema, { error: "the rules must be a list" })
  .min(1, "keep at least one segment rule")
  .max(MAX_RFM_RULES, `at most ${MAX_RFM_RULES} segment rules`)
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.forEach((r, i) => {
      const key = segmentKey(r.name);
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${r.name}" is the same name as segment ${first + 1} ("${rules[first].name}")` });
      else seen.set(key, i);
    });
  });

/** The RFM part of the workspace settings. */
export const rfmSettingsSchema = z.strictObject({ rules: rfmRuleSetSchema });

/** Workspace.settings as read: other keys are kept as they are; rfm is optional (defaults apply). */
export const workspaceSettingsSchema = z.looseObject({ rfm: rfmSettingsSchema.optional() });

/** The workspace's rule set from its stored settings: the defaults when none is stored. Throws on invalid stored rules. */
export function rulesFromSettings(settings: unknown): RfmRule[] {
  const parsed = workspaceSettingsSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The workspace's stored RFM rules are invalid (${issue.path.join(".")}: ${issue.message}).`);
  }
  return parsed.data.rfm?.rules ?? DEFAULT_RFM_RULES.map((r) => ({ ...r }));
}

/** Field errors of a rule set by form field ("rules.2.recency" → message), for the editor. */
export function ruleSetFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = ["rules", ...issue.path.slice(0, 2).map(String)].join(".");
    out[key] ??= issue.message;
  }
  return out;
}
