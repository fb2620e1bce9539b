"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

let cachedZones: string[] | undefined;

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function allTimeZones(): string[] {
  if (!cachedZones) {
    const zones = new Set(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);
    zones.add("UTC");
    zones.add(browserTimeZone());
    cachedZones = [...zones].sort((a, b) => a.localeCompare(b));
  }
  return cachedZones;
}

const SERVER_ZONES = ["UTC"];

/**
 * The browser's time zone and the list to choose from. The server renders "UTC" only; the browser's
 * values replace it on hydration without a mismatch.
 */
export function useTimeZones(): { browserZone: string; zones: string[] } {
  const browserZone = useSyncExternalStore(noSubscription, browserTimeZone, () => "UTC");
  const zones = useSyncExternalStore(noSubscription, allTimeZones, () => SERVER_ZONES);
  return { browserZone, zones };
}
