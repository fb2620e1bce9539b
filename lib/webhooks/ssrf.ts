/**
 * SSRF guard for webhook targets. A URL's host is resolved and every address it resolves to must
 * be a public unicast address (ipaddr.js classifies: private, link-local — which holds the cloud
 * metadata address 169.254.169.254 —, loopback, unique-local — fd00:ec2::254 —, CGNAT, multicast,
 * unspecified, reserved, and tunnelling ranges that can embed them are all refused). The request is
 * then made to exactly the address that was checked (lib/webhooks/http.ts pins it), so a DNS answer
 * that changes between check and connect cannot redirect it. Loopback is allowed only with
 * SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1 (local development and tests); private ranges never are.
 */
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/** An address a delivery may connect to. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** A target refused, with a message fit for the admin who entered it. */
export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

/** True when loopback targets are allowed (SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1). */
export function loopbackAllowed(): boolean {
  return process.env.SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK === "1";
}

const RANGE_WORDS: Record<string, string> = {
  private: "a private network address",
  linkLocal: "a link-local address (this includes cloud metadata services)",
  loopback: "a loopback address (this machine)",
  uniqueLocal: "a unique-local (private) IPv6 address",
  carrierGradeNat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
};

/** Why an address may not be a target, or null when it may. */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const normalized = parsed.toString();
  if (normalized === "169.254.169.254" || normalized === "fd00:ec2::254") return "a cloud metadata address";
  const range = parsed.range();
  if (range === "unicast") return null;
  if (range === "loopback" && loopbackAllowed()) return null;
  return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
}

function hostOf(url: URL): string {
  // URL keeps IPv6 literals in brackets.
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Resolves the URL's host and checks every address; throws WebhookTargetError with a clear message
 * when any of them is refused or the host does not resolve. Returns the first address, to connect to.
 */
export async function checkWebhookTarget(raw: string): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("The URL is not valid.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookTargetError("The URL must start with http:// or https://.");
  const host = hostOf(url);
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new WebhookTargetError(`The host ${host} could not be resolved.`);
    }
    if (addresses.length === 0) throw new WebhookTargetError(`The host ${host} could not be resolved.`);
  }
  for (const a of addresses) {
    const reason = refusedAddressReason(a.address);
    if (reason) {
      const flag = reason.startsWith("a loopback") ? " Loopback targets are allowed only when the server runs with SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK=1." : "";
      throw new WebhookTargetError(`Webhooks cannot be sent to ${host}: it resolves to ${a.address}, ${reason}.${flag}`);
    }
  }
  const first = addresses[0];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
