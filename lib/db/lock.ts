import fs from "node:fs";
import path from "node:path";

/** Thrown when another live process holds the embedded database folder. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; command: string },
  ) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${holder.pid}: ${holder.command}). ` +
        `PGlite allows one process at a time: stop that process first, or point DATABASE_URL at a PostgreSQL server.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes an exclusive lock on a PGlite folder with a lock file beside it, because PGlite has
 * no locking of its own and two processes writing one folder corrupt it silently.
 * A lock left by a dead process is taken over. Returns the release function.
 */
export function acquireDirLock(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = `${dir}.lock`;
  const me = JSON.stringify({ pid: process.pid, command: process.argv.slice(1).join(" ").slice(0, 200) });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, me, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (fs.readFileSync(lockPath, "utf8") === me) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: { pid: number; command: string };
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, "utf8"));
      } catch {
        holder = { pid: -1, command: "unknown" };
      }
      if (holder.pid === process.pid) throw new Error(`The embedded database in ${dir} is already open in this process.`);
      if (holder.pid > 0 && isAlive(holder.pid)) throw new DatabaseLockedError(dir, holder);
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${lockPath}.`);
}
