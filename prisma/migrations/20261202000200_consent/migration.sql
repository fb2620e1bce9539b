-- Email consent has three states (issue 11): yes, no, and never asked (NULL). Existing rows keep
-- their values as they are; new rows without an answer are "never asked", so the default goes.
-- Each change of the value records when, how (form, import, api) and by whom or what: the user
-- who changed it (form; for imports the person who started the job) and the import job.
-- A NULL time means "not known": values stored before this migration, or never answered.

CREATE TYPE "ConsentSource" AS ENUM ('form', 'import', 'api');

ALTER TABLE "Customer"
  ALTER COLUMN "emailOptIn" DROP NOT NULL,
  ALTER COLUMN "emailOptIn" DROP DEFAULT,
  ADD COLUMN "emailOptInChangedAt" TIMESTAMPTZ(3),
  ADD COLUMN "emailOptInSource" "ConsentSource",
  ADD COLUMN "emailOptInChangedById" UUID,
  ADD COLUMN "emailOptInImportJobId" UUID;
