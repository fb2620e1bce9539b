/**
 * SSRF refusals: private, link-local, metadata, loopback (also behind a host name) and other
 * special addresses are refused when an endpoint is created or changed, with a message saying why,
 * and again at each delivery (a URL whose host later resolves somewhere refused is never connected).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/mutations";
import { checkWebhookTarget, refusedAddressReason } from "@/lib/webhooks/ssrf";
import { setupTestDb, teardownTestDb } from "./support/db";
import { insertTestCustomers, insertTestSegment, logChanges, messagesOf, startReceiver, type Receiver } from "./webhooks-support";

let db: Db;
let w: TestWorkspace;
let receiver: Receiver;
const admin = "admin@ssrf.test";
const events = ["segment.entered"] as ("segment.entered" | "segment.exited")[];

beforeAll(async () => {
  db = await setupTestDb();
  w = await createTestWorkspace(db, "ssrf", [{ email: admin, role: "admin" }]);
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await teardownTestDb();
});

afterEach(() => {
  delete process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK;
});

async function refusal(url: string): Promise<string> {
  try {
    await createWebhookEndpoint(w.ctx(admin), { url, eventTypes: events });
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("invalid");
    expect((e as AppError).fieldErrors?.url).toBe((e as AppError).message);
    return (e as AppError).message;
  }
  throw new Error(`${url} was accepted`);
}

describe("webhook targets", () => {
  it("classifies addresses: only public unicast passes", () => {
    for (const a of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]) expect(refusedAddressReason(a)).toBeNull();
    const refused: Record<string, RegExp> = {
      "10.1.2.3": /private/, "172.16.0.1": /private/, "192.168.1.1": /private/, "169.254.169.254": /metadata/, "169.254.10.1": /link-local/,
      "fd00:ec2::254": /metadata/, "fc00::1": /unique-local/, "fe80::1": /link-local/, "127.0.0.1": /loopback/, "::1": /loopback/,
      "100.64.0.1": /carrier-grade/, "224.0.0.1": /multicast/, "ff02::1": /multicast/, "0.0.0.0": /unspecified/, "::": /unspecified/,
      "::ffff:10.0.0.1": /private/, "::ffff:127.0.0.1": /loopback/, "255.255.255.255": /broadcast/,
    };
    for (const [address, words] of Object.entries(refused)) expect(refusedAddressReason(address), address).toMatch(words);
  });

  it("refuses private, link-local, metadata and other special targets when an endpoint is created", async () => {
    expect(await refusal("http://10.0.0.5/hook")).toMatch(/resolves to 10\.0\.0\.5, a private network address/);
    expect(await refusal("https://192.168.0.10/hook")).toMatch(/private/);
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toMatch(/cloud metadata/);
    expect(await refusal("http://[fd00:ec2::254]/")).toMatch(/cloud metadata/);
    expect(await refusal("http://[fe80::1]/")).toMatch(/link-local/);
    expect(await refusal("http://100.64.1.1/")).toMatch(/carrier-grade/);
    expect(await refusal("http://0.0.0.0:8080/")).toMatch(/unspecified/);
    expect(await refusal("http://no-such-host.invalid/")).toMatch(/could not be resolved/);
    expect(await db.prisma.webhookEndpoint.count({ where: { workspaceId: w.id } })).toBe(0);
  });

  it("refuses loopback, also behind a host name, unless SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1", async () => {
    expect(await refusal("http://127.0.0.1:9/")).toMatch(/loopback.*SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1/);
    expect(await refusal("http://localhost:9/")).toMatch(/localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
    process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
    const target = await checkWebhookTarget("http://localhost:9/");
    expect(["127.0.0.1", "::1"]).toContain(target.address);
    // The flag is for loopback only: private ranges stay refused.
    expect(await refusal("http://10.0.0.5/hook")).toMatch(/private/);
  });

  it("checks a changed URL too", async () => {
    process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
    const { endpoint } = await createWebhookEndpoint(w.ctx(admin), { url: receiver.url, eventTypes: events });
    await expect(updateWebhookEndpoint(w.ctx(admin), endpoint.id, { url: "http://169.254.169.254/" })).rejects.toThrow(/cloud metadata/);
    const row = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: w.id, id: endpoint.id } } });
    expect(row.url).toBe(receiver.url);
    await db.prisma.webhookEndpoint.delete({ where: { workspaceId_id: { workspaceId: w.id, id: endpoint.id } } });
  });

  it("checks again at each delivery: a target refused now is never connected", async () => {
    process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK = "1";
    const { endpoint } = await createWebhookEndpoint(w.ctx(admin), { url: receiver.url.replace("127.0.0.1", "localhost"), eventTypes: events });
    const [customer] = await insertTestCustomers(db.sql, w.id, 1);
    const segment = await insertTestSegment(db, w.id, "Any");
    await logChanges(db.sql, w.id, segment, [{ customerId: customer, kind: "entered" }]);
    delete process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK;
    await deliverWebhooks();
    expect(receiver.received).toHaveLength(0);
    const [m] = await messagesOf(db.sql, w.id);
    expect(m).toMatchObject({ endpointId: endpoint.id, state: "pending", attempts: 1, lastStatus: null });
    expect(m.lastError).toMatch(/loopback/);
  });
});
