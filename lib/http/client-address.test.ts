import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { addressLimitKey, clientAddress, normalizeAddress, PEER_ADDRESS_HEADER, trustedProxyHops } from "./client-address";
import { installPeerAddressHeader } from "./peer-address";

describe("trustedProxyHops", () => {
  it("reads SEGMENTA_TRUST_PROXY", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("0")).toBe(0);
    expect(trustedProxyHops("false")).toBe(0);
    expect(trustedProxyHops("true")).toBe(1);
    expect(trustedProxyHops("1")).toBe(1);
    expect(trustedProxyHops(" 2 ")).toBe(2);
    expect(() => trustedProxyHops("yes please")).toThrow(/SEGMENTA_TRUST_PROXY must be/);
    expect(() => trustedProxyHops("-1")).toThrow(/SEGMENTA_TRUST_PROXY must be/);
  });
});

describe("normalizeAddress", () => {
  it("strips ports, brackets, zones and the IPv4-mapped prefix, and refuses what is no address", () => {
    expect(normalizeAddress("203.0.113.5")).toBe("203.0.113.5");
    expect(normalizeAddress(" 203.0.113.5:51234 ")).toBe("203.0.113.5");
    expect(normalizeAddress("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("::1")).toBe("::1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
    expect(normalizeAddress("<script>")).toBeNull();
  });
});

describe("addressLimitKey", () => {
  it("keeps IPv4 whole and groups IPv6 by /64", () => {
    expect(addressLimitKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressLimitKey("2001:db8:1:2::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressLimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:0db8:0001:0002::/64");
    expect(addressLimitKey("::1")).toBe("0000:0000:0000:0000::/64");
    expect(addressLimitKey("2001:db8::192.0.2.1")).toBe("2001:0db8:0000:0000::/64");
    expect(addressLimitKey(null)).toBe("unknown");
  });
});

describe("clientAddress", () => {
  const peer = { [PEER_ADDRESS_HEADER]: "10.0.0.2" };

  it("without a trusted proxy, takes the peer address and never X-Forwarded-For", () => {
    expect(clientAddress({ ...peer, "x-forwarded-for": "1.1.1.1" }, 0)).toBe("10.0.0.2");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1" }), 0)).toBeNull();
    expect(clientAddress(undefined, 0)).toBeNull();
  });

  it("behind one proxy, takes X-Forwarded-For's right-most entry (what the proxy saw)", () => {
    expect(clientAddress({ ...peer, "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 1)).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "X-Forwarded-For": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientAddress({ ...peer, "x-forwarded-for": ["6.6.6.6", "203.0.113.9"] }, 1)).toBe("203.0.113.9");
  });

  it("behind two proxies, skips the inner proxy's entry; a short header gives its left-most entry", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.1.1.1" }, 2)).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9" }, 2)).toBe("203.0.113.9");
  });

  it("falls back to the peer when the proxy sent no X-Forwarded-For, and refuses garbage", () => {
    expect(clientAddress(peer, 1)).toBe("10.0.0.2");
    expect(clientAddress({ "x-forwarded-for": "1.1.1.1, not-an-ip" }, 1)).toBeNull();
  });
});

describe("installPeerAddressHeader", () => {
  it("stamps the TCP peer on each request, replacing a value the client sent", async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // idempotent
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
      expect(normalizeAddress(await res.text())).toBe("127.0.0.1");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
