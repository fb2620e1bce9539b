/** What every benchmark's command line shares: output through the run's log, and exit codes instead of process.exit. */
import { Command, CommanderError } from "commander";

/** A benchmark's command: help and errors go to log (one line each), commander never exits the process. */
export function benchCommand(name: string, log: (line: string) => void): Command {
  return new Command(name)
    .exitOverride()
    .configureOutput({ writeOut: (t) => log(t.replace(/\n$/, "")), writeErr: (t) => log(t.replace(/\n$/, "")) });
}

/** Parses a benchmark's arguments: the exit code when commander answered (--help, a bad option), else null. */
export function parseBenchArgs(program: Command, argv: string[]): number | null {
  try {
    program.parse(argv, { from: "user" });
    return null;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
}
