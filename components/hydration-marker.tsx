"use client";

import { useEffect } from "react";

/**
 * Marks the page as interactive (`<html data-hydrated>`) once React has hydrated it. Browser tests
 * wait for it before typing: text typed into a server-rendered input before hydration is reset by
 * React and its handlers never see it, which a person on a slow device can meet too, but a test
 * must not depend on.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
