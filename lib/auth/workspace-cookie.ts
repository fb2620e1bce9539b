/** Cookie remembering the last workspace opened in this browser (written by the workspace switcher). */
export const LAST_WORKSPACE_COOKIE = "segmenta-workspace";

/** The Set-Cookie value remembering a workspace for a year, for document.cookie. */
export function lastWorkspaceCookie(slug: string): string {
  return `${LAST_WORKSPACE_COOKIE}=${encodeURIComponent(slug)}; Path=/; Max-Age=${365 * 24 * 60 * 60}; SameSite=Lax`;
}
