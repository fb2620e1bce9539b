/** Request header set by proxy.ts with the path and query being visited, so pages can send users back after sign-in. */
export const PATH_HEADER = "x-segmenta-path";

/** A callbackUrl reduced to a same-origin relative path ("/" when it is anything else). */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\\]/.test(raw)) return "/";
  try {
    const url = new URL(raw, "http://segmenta.invalid");
    if (url.origin !== "http://segmenta.invalid") return "/";
    if (url.pathname === "/login" || url.pathname === "/signup") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
