import path from "node:path";

/** Where the database lives: a PostgreSQL server, or embedded PGlite (a folder, or memory when dir is null). */
export type DbTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string | null };

/** The folder for local state (PGlite data, the generated auth secret): SEGMENTA_DATA_DIR or ./.data. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.SEGMENTA_DATA_DIR || ".data");
}

/** The database this process uses: DATABASE_URL when set, else PGlite in the data folder. */
export function targetFromEnv(): DbTarget {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgresql:// URL (got "${url.slice(0, 20)}…").`);
    }
    return { kind: "postgres", url };
  }
  return { kind: "pglite", dir: path.join(dataDir(), "pglite") };
}

/** A human description of the target, without credentials. */
export function describeTarget(target: DbTarget): string {
  if (target.kind === "pglite") return target.dir ? `embedded PostgreSQL (PGlite) in ${target.dir}` : "embedded PostgreSQL (PGlite) in memory";
  const u = new URL(target.url);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
