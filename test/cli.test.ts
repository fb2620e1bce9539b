import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runCliOn } from "./support/cli";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

describe("the command line, in process", () => {
  it("prints help for the program and every command", async () => {
    const top = await cli("--help");
    expect(top.code).toBe(0);
    for (const command of ["workspace", "seed", "demo"]) expect(top.out).toContain(command);
    for (const argv of [["workspace", "create", "--help"], ["seed", "--help"], ["demo", "--help"], ["workspace", "--help"]]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(" ")).toBe(0);
      expect(result.out).toMatch(/Usage: segmenta/);
    }
  });

  it("creates a workspace with a canonical time zone and an admin", async () => {
    const result = await cli("workspace", "create", "--slug", "acme", "--name", "Acme", "--time-zone", "europe/warsaw", "--admin-email", "Boss@Acme.test", "--admin-password", "long-enough-1");
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toMatch(/Created workspace "acme" \(Acme, Europe\/Warsaw\)/);
    const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: "acme" }, include: { memberships: { include: { user: true } } } });
    expect(workspace.timeZone).toBe("Europe/Warsaw");
    expect(workspace.memberships.map((m) => [m.user.email, m.role])).toEqual([["boss@acme.test", "admin"]]);
  });

  it("refuses bad input with a clear message and a non-zero exit", async () => {
    const zone = await cli("workspace", "create", "--slug", "x1", "--name", "X", "--time-zone", "Mars/Olympus");
    expect(zone.code).toBe(1);
    expect(zone.err).toMatch(/--time-zone: not a known IANA time zone/);
    const half = await cli("workspace", "create", "--slug", "x2", "--name", "X", "--admin-email", "a@b.test");
    expect(half.code).toBe(1);
    expect(half.err).toMatch(/--admin-email and --admin-password together/);
    const taken = await cli("workspace", "create", "--slug", "acme", "--name", "Again");
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/already exists/);
    const missing = await cli("workspace", "create", "--name", "No slug");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/required option '--slug <slug>'/);
    const count = await cli("seed", "--workspace", "acme", "--customers", "0");
    expect(count.code).toBe(1);
    expect(count.err).toMatch(/--customers: the number of customers must be at least 1/);
    expect((await cli("frobnicate")).code).toBe(1);
    expect(await db.prisma.workspace.count({ where: { slug: { in: ["x1", "x2"] } } })).toBe(0);
  });

  it("seeds a workspace, then refuses to seed it twice without --replace", async () => {
    const first = await cli("seed", "--workspace", "acme", "--customers", "60", "--seed", "3");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Loaded 60 Customer, [\d,]+ Order, [\d,]+ OrderItem, [\d,]+ Event/);
    const again = await cli("seed", "--workspace", "acme", "--customers", "60");
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has 60 customers/);
    const replaced = await cli("seed", "--workspace", "acme", "--customers", "1_0", "--replace", "--now", "2026-01-01T00:00:00Z");
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(/Replaced 60 customers/);
    expect(await db.prisma.customer.count()).toBe(10);
    const unknown = await cli("seed", "--workspace", "ghost");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no workspace "ghost"/);
  });
});

describe("the command line, as a process", () => {
  it("exits 0 for --help and 1 for a usage error, without opening a database", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-cli-"));
    const env = { ...process.env, SEGMENTA_DATA_DIR: dataDir, DATABASE_URL: "" };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const run = (...argv: string[]) => spawnSync(tsx, ["--conditions=react-server", "lib/cli/index.ts", ...argv], { env, encoding: "utf8" });
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("seed [options]");
    const usage = run("seed");
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/required option '--workspace <slug>' not specified/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
