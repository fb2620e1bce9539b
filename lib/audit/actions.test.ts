import { describe, expect, it } from "vitest";
import { actionsOfGroup, AUDIT_ACTIONS, AUDIT_GROUPS, auditActionLabel, describeAuditEntry } from "./actions";
import { detailText, type DescribeHelpers } from "./describe";

const h: DescribeHelpers = {
  timeZone: "Europe/Warsaw",
  fieldLabel: (key) => ({ email: "Email", firstName: "First name", "custom.tier": "Tier" })[key] ?? key,
  segmentName: (id) => (id === "s1" ? "VIP" : "a deleted segment"),
};
const text = (action: string, diff: unknown) => describeAuditEntry(action, diff, h).map(detailText);

describe("audit action registry", () => {
  it("labels every action the issue names, and unknown ones by their raw name", () => {
    for (const action of [
      "invitation.create", "invitation.resend", "invitation.revoke", "invitation.accept", "member.reset_link", "user.password_change",
      "user.password_reset", "customer.consent", "api_key.create", "api_key.revoke", "member.add", "member.remove", "member.role_change",
      "segment.create", "segment.update", "segment.delete", "segment.export", "customer.create", "customer.update", "customer.delete",
      "customer.export", "order.create", "order.delete", "order.status_change", "custom_field.create", "custom_field.update",
      "custom_field.archive", "custom_field.unarchive", "import.start", "import.finish", "audit.export",
    ]) expect(AUDIT_ACTIONS[action], action).toBeDefined();
    expect(auditActionLabel("member.role_change")).toBe("Role changed");
    expect(auditActionLabel("webhook.fire")).toBe("webhook.fire");
    expect(AUDIT_GROUPS.flatMap((g) => actionsOfGroup(g.key)).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
  });

  it("shows changes as before → after with labels, never raw JSON", () => {
    expect(text("member.role_change", { email: "a@x.dev", from: "editor", to: "admin" })).toEqual(["Email: a@x.dev", "Role: Editor → Admin"]);
    expect(text("custom_field.update", { key: "tier", label: { from: "Tier", to: "Loyalty tier" }, type: { from: "text", to: "select" }, options: { from: [], to: [{ key: "g", label: "Gold" }] } }))
      .toEqual(["Key: tier", "Label: Tier → Loyalty tier", "Type: Text → Single choice", "Options: none → Gold"]);
    expect(text("segment.update", { name: "VIP", version: 3, changes: { name: { from: "Big", to: "VIP" }, rules: { from: "Customers in Poland.", to: "Customers in Germany." } } }))
      .toEqual(["Name: Big → VIP", "Rules: Customers in Poland. → Customers in Germany."]);
    expect(text("customer.update", { fields: ["custom.tier", "email"] })).toEqual(["Fields changed: Tier, Email"]);
    expect(text("import.finish", { type: "customers", fileName: "a.csv", status: "completed", created: 1200, updated: 3, skipped: 0, failed: 2 }))
      .toEqual(["File: a.csv", "Type: Customers", "Result: Completed", "Rows: 1,200 created, 3 updated, 0 skipped, 2 failed"]);
    expect(text("customer.export", { search: "", sort: "email", direction: "desc", columns: ["email"], segment: { id: "s1", exclude: true } }))
      .toEqual(["Not in segment: VIP", "Sorted by: Email (descending)", "Columns: Email"]);
    expect(text("api_key.create", { name: "Shop sync", prefix: "sgm_Ab12Cd34", access: "read_write" })).toEqual(["Name: Shop sync", "Key: sgm_Ab12Cd34…", "Access: Read and write"]);
  });

  it("renders unknown actions and shapes generically: dates in the zone, money, yes/no", () => {
    expect(text("webhook.fire", { sentAt: "2026-06-01T10:00:00.000Z", total: "12.5", ok: true, status: { from: "a", to: "b" }, tags: ["x", "y"] }))
      .toEqual(["Sent at: 1 Jun 2026, 12:00", "Total: $12.50", "Ok: Yes", "Status: a → b", "Tags: x, y"]);
    expect(text("api_key.create", { name: "Zapier", role: "editor" })).toEqual(["Name: Zapier", "Role: editor"]);
    expect(text("segment.update", "not an object")).toEqual(["Saved (changes were not recorded by this version)"]);
    expect(text("order.status_change", null)).toEqual(["Status: — → —"]);
  });
});
