-- Stored membership kept exact (issue 13, docs/decisions/016-stored-membership.md).
--
-- 1. Every write that can change a customer's memberships queues the customer in "MembershipDirty"
--    inside the writing transaction, by triggers: forms, imports, the API, the CLI and any future
--    write path are covered by construction, and the queue row commits or rolls back with the
--    write. Statement-level AFTER triggers with transition tables: a 100,000-row import adds one
--    INSERT … SELECT per statement, not 100,000 trigger calls. Updates that change nothing
--    (IS DISTINCT FROM; "updatedAt" alone does not count) queue nobody. A deleted customer is
--    not queued: its memberships and change log go with it by cascade.
-- 2. "Segment"."memberCount" follows every insert and delete of "SegmentMember" (statement
--    triggers), so it stays exact whoever removes members — the drain, a full evaluation, or a
--    customer's erasure cascading — and a NULL count (never evaluated) stays NULL.
-- 3. "Segment"."membershipClockAt": the instant up to which the passage of time has been applied
--    to the stored membership (conditions that compare with "now", not only with today).

ALTER TABLE "Segment" ADD COLUMN "membershipClockAt" TIMESTAMPTZ(3);

CREATE FUNCTION "membership_dirty_customer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT n."workspaceId", n."id" FROM new_rows n;
  ELSE
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT n."workspaceId", n."id" FROM new_rows n
        JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o."id" = n."id"
       WHERE (to_jsonb(n) - 'updatedAt') IS DISTINCT FROM (to_jsonb(o) - 'updatedAt');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Customer_membership_insert" AFTER INSERT ON "Customer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_customer"();
CREATE TRIGGER "Customer_membership_update" AFTER UPDATE ON "Customer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_customer"();

-- Orders and events: the customers of the rows inserted, deleted, or changed (old and new owner).
CREATE FUNCTION "membership_dirty_owned"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT n."workspaceId", n."customerId" FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT o."workspaceId", o."customerId" FROM old_rows o;
  ELSE
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT x."workspaceId", x."customerId" FROM (
        SELECT n."workspaceId", n."customerId", o."customerId" AS "oldCustomerId" FROM new_rows n
          JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o."id" = n."id"
         WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)
      ) c CROSS JOIN LATERAL (VALUES (c."workspaceId", c."customerId"), (c."workspaceId", c."oldCustomerId")) AS x("workspaceId", "customerId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Order_membership_insert" AFTER INSERT ON "Order"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_owned"();
CREATE TRIGGER "Order_membership_update" AFTER UPDATE ON "Order"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_owned"();
CREATE TRIGGER "Order_membership_delete" AFTER DELETE ON "Order"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_owned"();
CREATE TRIGGER "Event_membership_insert" AFTER INSERT ON "Event"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_owned"();
CREATE TRIGGER "Event_membership_update" AFTER UPDATE ON "Event"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_owned"();
CREATE TRIGGER "Event_membership_delete" AFTER DELETE ON "Event"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_owned"();

-- Order items (categories, amounts): the customer of the item's order. An item deleted with its
-- order finds no order any more; the order's own trigger queued that customer.
CREATE FUNCTION "membership_dirty_order_item"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT o."workspaceId", o."customerId" FROM (SELECT DISTINCT "workspaceId", "orderId" FROM new_rows) i
        JOIN "Order" o ON o."workspaceId" = i."workspaceId" AND o."id" = i."orderId";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT o."workspaceId", o."customerId" FROM (SELECT DISTINCT "workspaceId", "orderId" FROM old_rows) i
        JOIN "Order" o ON o."workspaceId" = i."workspaceId" AND o."id" = i."orderId";
  ELSE
    INSERT INTO "MembershipDirty" ("workspaceId", "customerId")
      SELECT DISTINCT o."workspaceId", o."customerId" FROM (
        SELECT n."workspaceId", n."orderId", o."orderId" AS "oldOrderId" FROM new_rows n
          JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o."id" = n."id"
         WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)
      ) c CROSS JOIN LATERAL (VALUES (c."orderId"), (c."oldOrderId")) AS x("orderId")
        JOIN "Order" o ON o."workspaceId" = c."workspaceId" AND o."id" = x."orderId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "OrderItem_membership_insert" AFTER INSERT ON "OrderItem"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_order_item"();
CREATE TRIGGER "OrderItem_membership_update" AFTER UPDATE ON "OrderItem"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_order_item"();
CREATE TRIGGER "OrderItem_membership_delete" AFTER DELETE ON "OrderItem"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_dirty_order_item"();

-- memberCount follows SegmentMember (one UPDATE per statement, whatever the number of members).
CREATE FUNCTION "segment_member_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Segment" s SET "memberCount" = s."memberCount" + d."n"
      FROM (SELECT "workspaceId", "segmentId", count(*)::int AS "n" FROM new_rows GROUP BY 1, 2) d
     WHERE s."workspaceId" = d."workspaceId" AND s."id" = d."segmentId" AND s."memberCount" IS NOT NULL;
  ELSE
    UPDATE "Segment" s SET "memberCount" = s."memberCount" - d."n"
      FROM (SELECT "workspaceId", "segmentId", count(*)::int AS "n" FROM old_rows GROUP BY 1, 2) d
     WHERE s."workspaceId" = d."workspaceId" AND s."id" = d."segmentId" AND s."memberCount" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "SegmentMember_count_insert" AFTER INSERT ON "SegmentMember"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "segment_member_count"();
CREATE TRIGGER "SegmentMember_count_delete" AFTER DELETE ON "SegmentMember"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "segment_member_count"();
