/**
 * `membership sync [--workspace S] [--full] [--now T]`: brings stored segment membership up to
 * date as the runner does (full evaluations that are due, day changes, queued writes); --full
 * re-evaluates every segment (cause full_refresh). Prints each segment's stored member count.
 */
import type { Command } from "commander";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { syncMembership } from "@/lib/membership/sync";
import { count, parseOptions, seconds, type CliContext } from "./context";

const optionsSchema = z.object({
  workspace: z.string().trim().min(1, "give a workspace slug").optional(),
  full: z.boolean().optional(),
  now: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z (or a date)" })
    .transform((text) => new Date(text))
    .optional(),
});

/** Registers `membership sync`. */
export function registerMembershipCommand(program: Command, ctx: CliContext): void {
  const membership = program.command("membership").description("stored segment membership");
  membership
    .command("sync")
    .description("evaluate what is due (new or changed definitions, day changes, RFM refreshes) and apply queued writes")
    .option("--workspace <slug>", "only this workspace (default: every workspace)")
    .option("--full", "re-evaluate every segment in full")
    .option("--now <instant>", "evaluate at this instant (default: now)")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(optionsSchema, raw);
      const { prisma } = await ctx.db();
      let workspaceId: string | undefined;
      if (options.workspace) {
        const found = await prisma.workspace.findUnique({ where: { slug: options.workspace }, select: { id: true } });
        if (!found) throw new AppError("not_found", `There is no workspace "${options.workspace}".`);
        workspaceId = found.id;
      }
      const started = performance.now();
      await syncMembership({ now: options.now, workspaceId, full: options.full });
      const segments = await prisma.segment.findMany({
        where: workspaceId ? { workspaceId } : {},
        select: { name: true, memberCount: true, workspace: { select: { slug: true } } },
        orderBy: [{ workspaceId: "asc" }, { name: "asc" }],
      });
      for (const s of segments) ctx.out(`${s.workspace.slug}\t${s.name}\t${s.memberCount === null ? "not stored" : count(s.memberCount)}`);
      ctx.err(`Synced ${count(segments.length)} segment(s) in ${seconds(performance.now() - started)}.`);
    });
}
