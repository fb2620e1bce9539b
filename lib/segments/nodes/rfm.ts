/** The rfm node: part of version 1, but RFM segments come with the RFM issue; until then it is rejected. */
import { z } from "zod";

export const RFM_UNAVAILABLE = "RFM conditions are not available yet";

/** Any rfm node: rejected with RFM_UNAVAILABLE. */
export const rfmNodeSchema = z.looseObject({ type: z.literal("rfm") }).superRefine((_, ctx) => {
  ctx.addIssue({ code: "custom", message: RFM_UNAVAILABLE });
});
export type RfmNode = z.infer<typeof rfmNodeSchema>;
