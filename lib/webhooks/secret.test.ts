import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signatureHeader, signWebhook } from "./secret";

describe("Standard Webhooks signatures", () => {
  it("makes whsec_ secrets and v1 signatures that standardwebhooks verifies", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: "segment.entered", data: { ü: "ß" } });
    const signature = signWebhook(secret, "msg_1", timestamp, body);
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(() => new Webhook(secret).verify(body, { "webhook-id": "msg_1", "webhook-timestamp": String(timestamp), "webhook-signature": signature })).not.toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, { "webhook-id": "msg_1", "webhook-timestamp": String(timestamp), "webhook-signature": signature })).toThrow();
  });

  it("signs with every secret given, space-separated", () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    const header = signatureHeader([a, b], "msg_2", 1_700_000_000, "{}");
    expect(header.split(" ")).toEqual([signWebhook(a, "msg_2", 1_700_000_000, "{}"), signWebhook(b, "msg_2", 1_700_000_000, "{}")]);
  });
});
