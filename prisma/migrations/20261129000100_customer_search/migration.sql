-- Quick search of the customer table looks for words in name, email, company and external id.
-- A trigram index on exactly the expression lib/customers/list-sql.ts (SEARCH_DOCUMENT) matches
-- serves both its LIKE '%word%' and its word-start regular expressions at a million customers.
-- Prisma cannot describe an expression index: test/schema-drift.test.ts lists it by name.

CREATE INDEX "Customer_search_trgm_idx" ON "Customer" USING GIN (
  lower(COALESCE("firstName", '') || ' ' || COALESCE("lastName", '') || ' ' || COALESCE("email", '') || ' ' || COALESCE("company", '') || ' ' || COALESCE("externalId", ''))
  gin_trgm_ops
);
