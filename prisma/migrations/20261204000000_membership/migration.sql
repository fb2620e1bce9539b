-- Stored segment membership (issue 13): who is in each saved segment now, since when, and every
-- entry and exit with its cause. MembershipDirty is the durable queue of customers whose writes
-- may have changed their memberships (filled in the writing transaction, drained by the runner).
CREATE TYPE "MembershipChangeKind" AS ENUM ('entered', 'exited');
CREATE TYPE "MembershipCause" AS ENUM ('write', 'day_change', 'definition_change', 'rfm_refresh', 'full_refresh');

ALTER TABLE "Segment" ADD COLUMN "memberCount" INTEGER;
ALTER TABLE "Segment" ADD COLUMN "membershipVersion" INTEGER;
ALTER TABLE "Segment" ADD COLUMN "membershipEvaluatedAt" TIMESTAMPTZ(3);
ALTER TABLE "Segment" ADD COLUMN "membershipDay" DATE;

CREATE TABLE "SegmentMember" (
    "workspaceId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SegmentMember_pkey" PRIMARY KEY ("workspaceId", "segmentId", "customerId")
);
CREATE INDEX "SegmentMember_workspaceId_customerId_idx" ON "SegmentMember"("workspaceId", "customerId");
ALTER TABLE "SegmentMember" ADD CONSTRAINT "SegmentMember_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SegmentMember" ADD CONSTRAINT "SegmentMember_workspaceId_segmentId_fkey" FOREIGN KEY ("workspaceId", "segmentId") REFERENCES "Segment"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SegmentMember" ADD CONSTRAINT "SegmentMember_workspaceId_customerId_fkey" FOREIGN KEY ("workspaceId", "customerId") REFERENCES "Customer"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SegmentMembershipChange" (
    "workspaceId" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "segmentId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "MembershipChangeKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "cause" "MembershipCause" NOT NULL,
    "batchId" UUID NOT NULL,

    CONSTRAINT "SegmentMembershipChange_pkey" PRIMARY KEY ("workspaceId", "id")
);
CREATE INDEX "SegmentMembershipChange_workspaceId_segmentId_at_idx" ON "SegmentMembershipChange"("workspaceId", "segmentId", "at");
CREATE INDEX "SegmentMembershipChange_workspaceId_customerId_at_idx" ON "SegmentMembershipChange"("workspaceId", "customerId", "at");
CREATE INDEX "SegmentMembershipChange_workspaceId_batchId_idx" ON "SegmentMembershipChange"("workspaceId", "batchId");
ALTER TABLE "SegmentMembershipChange" ADD CONSTRAINT "SegmentMembershipChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SegmentMembershipChange" ADD CONSTRAINT "SegmentMembershipChange_workspaceId_segmentId_fkey" FOREIGN KEY ("workspaceId", "segmentId") REFERENCES "Segment"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SegmentMembershipChange" ADD CONSTRAINT "SegmentMembershipChange_workspaceId_customerId_fkey" FOREIGN KEY ("workspaceId", "customerId") REFERENCES "Customer"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "MembershipDirty" (
    "workspaceId" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "customerId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipDirty_pkey" PRIMARY KEY ("workspaceId", "id")
);
ALTER TABLE "MembershipDirty" ADD CONSTRAINT "MembershipDirty_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
