import { describe, expect, it } from "vitest";
import { actorView, entityView } from "./view";

const person = { actorName: "Ada", actorEmail: "ada@x.dev", actorIsMember: true };
const seg = "6f1c0b8e-2b7e-4c39-9a51-0d1f7f0a9c11";

describe("actorView", () => {
  it("tells the command line, a deleted account, a member and a former member apart", () => {
    expect(actorView({ ...person, actorId: null, actorRemoved: false, actorName: null, actorEmail: null })).toEqual({ name: "Command line / system", email: null, note: null });
    expect(actorView({ ...person, actorId: null, actorRemoved: true, actorName: null, actorEmail: null })).toEqual({ name: "Former member", email: null, note: "account deleted" });
    expect(actorView({ ...person, actorId: "u", actorRemoved: false })).toEqual({ name: "Ada", email: "ada@x.dev", note: null });
    expect(actorView({ ...person, actorId: "u", actorRemoved: false, actorIsMember: false }).note).toBe("former member");
  });

  it("names the API key a change was made with, instead of the command line", () => {
    const viaKey = { ...person, actorId: null, actorRemoved: false, actorName: null, actorEmail: null, apiKeyId: "k" };
    expect(actorView({ ...viaKey, apiKeyName: "Shop sync", apiKeyPrefix: "sgm_Ab12Cd34" })).toEqual({ name: "API key Shop sync (sgm_Ab12Cd34…)", email: null, note: null });
    expect(actorView({ ...viaKey, apiKeyName: null, apiKeyPrefix: null })).toEqual({ name: "API key", email: null, note: "key no longer exists" });
    expect(actorView({ ...viaKey, apiKeyId: null, apiKeyName: null, apiKeyPrefix: null }).name).toBe("Command line / system");
  });
});

describe("entityView", () => {
  it("links an entity that still exists, by its current name", () => {
    const entities = new Map([[`segment:${seg}`, { name: "VIP now" }]]);
    expect(entityView({ entityType: "segment", entityId: seg, diff: { name: "VIP then" } }, entities, "demo")).toEqual({ type: "Segment", label: "VIP now", href: `/w/demo/segments/${seg}` });
  });

  it("names a deleted one by what the entry recorded, without a link", () => {
    expect(entityView({ entityType: "segment", entityId: seg, diff: { name: "VIP" } }, new Map(), "demo")).toEqual({ type: "Segment", label: "VIP (deleted)", href: null });
    expect(entityView({ entityType: "customer", entityId: seg, diff: { fields: ["email"] } }, new Map(), "demo")).toEqual({ type: "Customer", label: "Deleted customer", href: null });
    expect(entityView({ entityType: "customer", entityId: null, diff: {} }, new Map(), "demo").label).toBe("Customers");
    expect(entityView({ entityType: "member", entityId: "u", diff: { email: "a@x.dev" } }, new Map(), "demo")).toEqual({ type: "Member", label: "a@x.dev", href: null });
    expect(entityView({ entityType: "webhook_thing", entityId: "1", diff: null }, new Map(), "demo")).toEqual({ type: "Webhook thing", label: "Webhook thing", href: null });
  });
});
