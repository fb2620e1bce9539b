import { describe, expect, it } from "vitest";
import { hashToken, newToken, TOKEN_PATTERN } from "./tokens";

describe("invitation tokens", () => {
  it("are 32 random bytes in base64url, different every time", () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it("are stored as their sha256 in hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("abc")).not.toBe(hashToken("abd"));
  });
});
