/**
 * The command line: `npm run cli -- <command>`. Commands live in ./commands, one file each;
 * `buildProgram` assembles them so other entries (and tests) can run the same program.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { z } from "zod";
import { closeDb, getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { COMMANDS, type CliContext, type RegisterCommand } from "./commands";

export type { CliContext, RegisterCommand } from "./commands";

export type RunCliOptions = Partial<CliContext> & {
  /** Extra commands, e.g. `start`, registered after the built-in ones. */
  extraCommands?: RegisterCommand[];
  /** Leave the process database open afterwards (tests that own it). */
  keepDbOpen?: boolean;
};

/** The commander program with every command registered; errors throw instead of exiting the process. */
export function buildProgram(ctx: CliContext, extraCommands: RegisterCommand[] = []): Command {
  const program = new Command("segmenta")
    .description("Segmenta command line: workspaces, generated data and the demo workspace")
    .usage("<command> [options]")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.out(text.replace(/\n$/, "")), writeErr: (text) => ctx.err(text.replace(/\n$/, "")) });
  for (const register of [...COMMANDS, ...extraCommands]) register(program, ctx);
  return program;
}

function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof z.ZodError) return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("\n");
  const detail = error instanceof Error ? (process.env.SEGMENTA_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
  return `unexpected failure: ${detail}${process.env.SEGMENTA_DEBUG ? "" : "\n(set SEGMENTA_DEBUG=1 for the stack trace)"}`;
}

/** Runs one command line (without "node script"); returns the exit code and always closes the database. */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<number> {
  const ctx: CliContext = {
    out: options.out ?? ((line) => console.log(line)),
    err: options.err ?? ((line) => console.error(line)),
    db: options.db ?? getDb,
  };
  const program = buildProgram(ctx, options.extraCommands);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 1;
    }
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (unknown option, --help, --version).
    if (error instanceof CommanderError) return error.exitCode;
    ctx.err(`error: ${describeError(error)}`);
    return 1;
  } finally {
    if (!options.keepDbOpen) await closeDb();
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (entry === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
