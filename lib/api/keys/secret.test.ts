import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, looksLikeApiKey, sameHash, VISIBLE_PREFIX_LENGTH } from "./secret";

describe("API key secrets", () => {
  it("are sgm_ and 32 random bytes in base64url, with a visible prefix and a sha256 hash", () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^sgm_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.secret.slice(4), "base64url")).toHaveLength(32);
    expect(key.prefix).toBe(key.secret.slice(0, VISIBLE_PREFIX_LENGTH));
    expect(key.hash).toBe(hashApiKey(key.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).not.toContain(key.secret.slice(4, 20));
  });

  it("never repeat", () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => generateApiKey().secret));
    expect(secrets.size).toBe(1000);
  });

  it("are recognised by shape before any lookup", () => {
    expect(looksLikeApiKey(generateApiKey().secret)).toBe(true);
    for (const bad of ["", "sgm_", "sgm_short", `pk_${"a".repeat(43)}`, `sgm_${"a".repeat(42)}!`, `sgm_${"a".repeat(44)}`]) expect(looksLikeApiKey(bad)).toBe(false);
  });

  it("compare hashes by content", () => {
    const a = hashApiKey("sgm_a");
    expect(sameHash(a, hashApiKey("sgm_a"))).toBe(true);
    expect(sameHash(a, hashApiKey("sgm_b"))).toBe(false);
    expect(sameHash(a, "abcd")).toBe(false);
  });
});
