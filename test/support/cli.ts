import type { Db } from "@/lib/db/client";
import { runCli } from "@/lib/cli/index";

/** What one command-line call did: its exit code and what it printed, joined by lines. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the command line in-process on a test database (left open) and captures its output. */
export async function runCliOn(db: Db, argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), db: async () => db, keepDbOpen: true });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
