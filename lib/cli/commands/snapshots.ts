/**
 * `snapshots [--workspace S] [--date YYYY-MM-DD]`: takes the day's snapshot (member count and paid
 * revenue) of every saved segment, as the in-app scheduler does; a day already taken is left as it is.
 */
import type { Command } from "commander";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { takeSnapshots } from "@/lib/snapshots/take";
import { count, parseOptions, type CliContext } from "./context";

const optionsSchema = z.object({
  workspace: z.string().trim().min(1, "give a workspace slug").optional(),
  date: z.iso.date({ message: "must be a date as YYYY-MM-DD" }).optional(),
});

/** Registers `snapshots`. */
export function registerSnapshotsCommand(program: Command, ctx: CliContext): void {
  program
    .command("snapshots")
    .description("take today's snapshot of every segment (member count, paid revenue); never twice for one day")
    .option("--workspace <slug>", "only this workspace (default: every workspace)")
    .option("--date <YYYY-MM-DD>", "record this local day instead of today (not a future day; counted with today's data)")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(optionsSchema, raw);
      await ctx.db();
      const results = await takeSnapshots(new Date(), { workspaceSlug: options.workspace, date: options.date, log: (line) => ctx.err(line) });
      if (results.length === 0) ctx.out("There are no workspaces.");
      for (const r of results) {
        const failed = r.failed.length > 0 ? `, ${count(r.failed.length)} failed` : "";
        ctx.out(`${r.slug} ${r.day}: ${count(r.taken)} taken, ${count(r.existing)} already taken${failed}`);
      }
      const failures = results.flatMap((r) => r.failed);
      if (failures.length > 0) throw new AppError("invalid", `${count(failures.length)} segment(s) could not be snapshotted (see above).`);
    });
}
