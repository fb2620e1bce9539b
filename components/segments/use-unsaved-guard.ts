"use client";

import { useEffect, useRef } from "react";

export const LEAVE_MESSAGE = "You have unsaved changes to this segment. Leave without saving them?";

/**
 * While `dirty`, asks before the page is left: the browser's own prompt on reload / close, and a
 * confirm for in-app links (clicks on <a href> anywhere on the page). Returns a function that lets
 * the next navigation through without asking (after a save or an explicit discard).
 */
export function useUnsavedGuard(dirty: boolean): () => void {
  const skip = useRef(false);
  useEffect(() => {
    if (!dirty) return;
    skip.current = false;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (skip.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (skip.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || a.target === "_blank" || a.hasAttribute("download")) return;
      if (!window.confirm(LEAVE_MESSAGE)) {
        e.preventDefault();
        e.stopPropagation();
      } else {
        skip.current = true;
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
  return () => {
    skip.current = true;
  };
}
