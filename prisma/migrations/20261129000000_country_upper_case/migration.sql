-- Country codes are stored upper-case (every write path normalizes them to ISO 3166-1 alpha-2),
-- so segment conditions compare the column itself instead of lower()-ing a million rows. The
-- check makes that a guarantee of the database rather than of the code paths that write.

UPDATE "Customer" SET "country" = upper("country") WHERE "country" <> upper("country");

ALTER TABLE "Customer" ADD CONSTRAINT "Customer_country_upper_case" CHECK ("country" = upper("country"));
