import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/api/keys/authenticate";
import type { Db } from "@/lib/db/client";
import { runCliOn } from "./support/cli";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let shopId: string;

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  db = await setupTestDb();
  shopId = (await db.prisma.workspace.create({ data: { slug: "shop", name: "Shop" } })).id;
  await db.prisma.workspace.create({ data: { slug: "other", name: "Other" } });
});
afterAll(teardownTestDb);

describe("npm run cli -- apikey", () => {
  it("creates a key, printing only the secret on stdout and the warning on stderr; lists and revokes it", async () => {
    expect(await cli("apikey", "list", "--workspace", "shop")).toMatchObject({ code: 0, out: 'The workspace "shop" has no API keys.' });
    const created = await cli("apikey", "create", "--workspace", "shop", "--name", "Shop sync", "--access", "read-write");
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^sgm_[A-Za-z0-9_-]{43}$/);
    expect(created.err).toMatch(/^Created API key "Shop sync" \(read and write, id [0-9a-f-]{36}\) in shop\. This is the only time the key is shown/);
    const api = await authenticateApiKey(db, created.out);
    expect(api).toMatchObject({ workspaceId: shopId, access: "read_write", apiKeyName: "Shop sync" });
    const id = api!.apiKeyId;

    const reader = await cli("apikey", "create", "--workspace", "shop", "--name", "Reports", "--access", "read");
    expect(reader.code).toBe(0);
    const list = await cli("apikey", "list", "--workspace", "shop");
    const lines = list.out.split("\n");
    expect(lines[0]).toMatch(/^ID +NAME +PREFIX +ACCESS +LAST USED +STATUS$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(new RegExp(`^[0-9a-f-]{36}  Reports    ${reader.out.slice(0, 12)}…  read        never +active$`));
    expect(lines[3]).toMatch(new RegExp(`^${id}  Shop sync  ${created.out.slice(0, 12)}…  read-write  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC  active$`));
    expect(list.out).not.toContain(created.out.slice(12));

    const revoked = await cli("apikey", "revoke", "--workspace", "shop", "--id", id);
    expect(revoked).toMatchObject({ code: 0, out: `Revoked API key "Shop sync" (${created.out.slice(0, 12)}…). Requests made with it are refused from now on.` });
    expect(await authenticateApiKey(db, created.out)).toBeNull();
    expect((await cli("apikey", "revoke", "--workspace", "shop", "--id", id)).out).toMatch(/was already revoked/);
    expect((await cli("apikey", "list", "--workspace", "shop")).out).toMatch(/Shop sync .* revoked \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);

    const audit = await db.prisma.auditLog.findMany({ where: { workspaceId: shopId }, orderBy: { id: "asc" }, select: { action: true, actorId: true, diff: true } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([["api_key.create", null], ["api_key.create", null], ["api_key.revoke", null]]);
    expect(JSON.stringify(audit)).not.toContain(created.out.slice(12));
  });

  it("refuses bad input with a clear message and a non-zero exit, and keys of another workspace", async () => {
    const access = await cli("apikey", "create", "--workspace", "shop", "--name", "X", "--access", "admin");
    expect(access).toMatchObject({ code: 1, out: "" });
    expect(access.err).toMatch(/--access: must be "read" or "read-write"/);
    expect((await cli("apikey", "create", "--workspace", "shop", "--name", "  ", "--access", "read")).err).toMatch(/--name: Give the key a name/);
    expect((await cli("apikey", "create", "--workspace", "shop", "--name", "y".repeat(81), "--access", "read")).err).toMatch(/--name: Keep the name to 80 characters/);
    const dup = await cli("apikey", "create", "--workspace", "shop", "--name", "reports", "--access", "read");
    expect(dup).toMatchObject({ code: 1, out: "" });
    expect(dup.err).toMatch(/An active key is already named "reports"/);
    expect(await cli("apikey", "list", "--workspace", "nope")).toMatchObject({ code: 1, err: 'error: There is no workspace "nope".' });
    expect((await cli("apikey", "revoke", "--workspace", "shop", "--id", "12")).err).toMatch(/--id: must be a key id/);

    const reports = await db.prisma.apiKey.findFirstOrThrow({ where: { workspaceId: shopId, name: "Reports" }, select: { id: true } });
    const foreign = await cli("apikey", "revoke", "--workspace", "other", "--id", reports.id);
    expect(foreign).toMatchObject({ code: 1, err: "error: This API key doesn't exist in this workspace." });
    expect((await db.prisma.apiKey.findFirstOrThrow({ where: { id: reports.id } })).revokedAt).toBeNull();
  });
});
