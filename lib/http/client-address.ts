import { isIP } from "node:net";

/**
 * The header our own server sets on every request to the TCP peer's address (see peer-address.ts),
 * overwriting anything a client sent under that name.
 */
export const PEER_ADDRESS_HEADER = "x-segmenta-peer-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function readHeader(headers: HeaderSource, name: string): string[] {
  if (!headers) return [];
  if (typeof (headers as Headers).get === "function") {
    const value = (headers as Headers).get(name);
    return value === null ? [] : [value];
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * How many proxies in front of the app append to X-Forwarded-For: SEGMENTA_TRUST_PROXY unset, empty,
 * "0" or "false" → 0 (X-Forwarded-For is ignored); "1" or "true" → 1; a whole number → that many hops.
 */
export function trustedProxyHops(value: string | undefined = process.env.SEGMENTA_TRUST_PROXY): number {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "0" || v === "false") return 0;
  if (v === "true") return 1;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  throw new Error(`SEGMENTA_TRUST_PROXY must be unset, "true", or the number of proxies in front of the app (got "${value}").`);
}

/** An address as written in a header: without port, brackets or the IPv4-mapped IPv6 prefix; null when it is not an IP address. */
export function normalizeAddress(raw: string): string | null {
  let v = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  if (v.startsWith("::ffff:") && isIP(v.slice(7)) === 4) v = v.slice(7);
  const zone = v.indexOf("%");
  if (zone > 0) v = v.slice(0, zone);
  return isIP(v) ? v : null;
}

function expandIpv6(address: string): string[] {
  const [head, tail = ""] = address.includes("::") ? address.split("::") : [address, undefined as unknown as string];
  const left = head ? head.split(":") : [];
  let right = address.includes("::") && tail ? tail.split(":") : [];
  // A trailing dotted IPv4 part counts as two groups.
  const last = right.length ? right[right.length - 1] : left[left.length - 1];
  if (last && last.includes(".")) {
    const o = last.split(".").map(Number);
    const groups = [((o[0] << 8) | o[1]).toString(16), ((o[2] << 8) | o[3]).toString(16)];
    if (right.length) right = [...right.slice(0, -1), ...groups];
    else left.splice(left.length - 1, 1, ...groups);
  }
  const missing = 8 - left.length - right.length;
  return [...left, ...Array(address.includes("::") ? missing : 0).fill("0"), ...right].map((g) => g.padStart(4, "0"));
}

/**
 * The key a client is limited under: an IPv4 address as it is, an IPv6 address by its /64 network
 * (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function addressLimitKey(address: string | null): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

/**
 * The client's address for limits and logs, or null when it cannot be told.
 *
 * - SEGMENTA_TRUST_PROXY unset: X-Forwarded-For is never read (any client can write it). The address
 *   is the TCP peer, which our server hook stamps on each request (PEER_ADDRESS_HEADER).
 * - SEGMENTA_TRUST_PROXY=N: the N proxies in front of the app each append the address they saw, so
 *   the client is the N-th entry of X-Forwarded-For counted from the right (the right-most one the
 *   trusted proxies did not write); entries further left were written by the client and are ignored.
 */
export function clientAddress(headers: HeaderSource, hops: number = trustedProxyHops()): string | null {
  const peer = readHeader(headers, PEER_ADDRESS_HEADER)[0];
  if (hops === 0) return peer ? normalizeAddress(peer) : null;
  const forwarded = readHeader(headers, "x-forwarded-for")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peer ? normalizeAddress(peer) : null;
  const entry = forwarded[Math.max(0, forwarded.length - hops)];
  return normalizeAddress(entry);
}
