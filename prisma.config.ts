import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI insists on a schema-engine binary before it generates, even though
// generation itself is WASM. Nothing here can download one (no internet), and we never
// run `prisma migrate` (migrations are hand-written SQL applied by lib/db/migrate.ts),
// so any existing file satisfies the check.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: {
    // Only read by `prisma migrate status/deploy` on a machine that has the engines.
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/segmenta",
  },
});
