/** Runs once before the test files: says which database the integration tests use. */
export default function setup(): void {
  process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production";
  const url = process.env.DATABASE_URL;
  console.log(url ? `Integration tests on PostgreSQL: a fresh database per file on ${new URL(url).host}` : "Integration tests on embedded PGlite (in memory, one per file)");
}
