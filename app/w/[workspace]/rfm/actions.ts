"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/auth/action";
import { applyRfmPreset, refreshRfm, saveRfmRules } from "@/lib/rfm/mutations";
import { findPreset, RFM_PRESET_KEYS } from "@/lib/rfm/presets";

/** Recomputes the workspace's stored RFM scores at today in its time zone. */
export const recomputeRfmAction = workspaceAction({
  permission: "segments.write",
  schema: z.object({}),
  handler: async (ctx) => {
    const run = await refreshRfm(ctx);
    revalidatePath(`/w/${ctx.workspaceSlug}/rfm`, "layout");
    return { customers: run.customers, durationMs: run.durationMs };
  },
});

/** Saves the workspace's RFM segment rules (validated in saveRfmRules, with errors per field) and re-assigns the stored segments. */
export const saveRfmRulesAction = workspaceAction({
  permission: "settings.manage",
  schema: z.object({ rules: z.array(z.unknown(), { error: "the rules must be a list" }) }),
  handler: async (ctx, input) => {
    const rules = await saveRfmRules(ctx, input.rules);
    revalidatePath(`/w/${ctx.workspaceSlug}/rfm`, "layout");
    return { rules: rules.length };
  },
});

/** Switches the workspace's RFM rules to a preset segment set and re-scores the stored segments. */
export const applyRfmPresetAction = workspaceAction({
  permission: "settings.manage",
  schema: z.object({ preset: z.enum(RFM_PRESET_KEYS, { error: "Choose one of the segment sets offered." }) }),
  handler: async (ctx, input) => {
    const { rules, run } = await applyRfmPreset(ctx, input.preset);
    revalidatePath(`/w/${ctx.workspaceSlug}/rfm`, "layout");
    return { name: findPreset(input.preset)?.name ?? input.preset, rules: rules.length, customers: run.customers };
  },
});
