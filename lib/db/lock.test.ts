import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDirLock, DatabaseLockedError } from "./lock";

let root: string;
let dir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-lock-"));
  dir = path.join(root, "pglite");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("acquireDirLock", () => {
  it("refuses a folder held by another live process, naming it", async () => {
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: other.pid, command: "next start" }));
      expect(() => acquireDirLock(dir)).toThrow(DatabaseLockedError);
      expect(() => acquireDirLock(dir)).toThrow(new RegExp(`in use by another process \\(pid ${other.pid}: next start\\)`));
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that is gone", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("exit", resolve));
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: gone.pid, command: "crashed" }));
    const release = acquireDirLock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a second open in the same process until released", () => {
    const release = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(/already open in this process/);
    release();
    acquireDirLock(dir)();
  });
});
