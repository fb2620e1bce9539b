import type { WebhookEndpointRow } from "@/lib/webhooks/types";

/** "Entries and exits", "Entries", "Exits". */
export function eventsWords(e: Pick<WebhookEndpointRow, "eventTypes">): string {
  if (e.eventTypes.length === 2) return "Entries and exits";
  return e.eventTypes[0] === "segment.entered" ? "Entries" : "Exits";
}

/** "Every segment", or the chosen segments' names. */
export function segmentsWords(e: Pick<WebhookEndpointRow, "segmentIds">, names: Map<string, string>): string {
  if (!e.segmentIds) return "Every segment";
  return e.segmentIds.map((id) => names.get(id) ?? "a deleted segment").join(", ");
}

/** A date and time in the workspace's zone, e.g. "Dec 2, 2026, 10:15 AM CET". */
export function timeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit", timeZone, timeZoneName: "short" });
}
