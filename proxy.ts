import { type NextRequestWithAuth, withAuth } from "next-auth/middleware";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { PATH_HEADER } from "@/lib/auth/paths";
import { checkServerActionRequest } from "@/lib/security/action-guard";
import { createNonce, isHttpsRequest, responseSecurityHeaders, trustProxyFromEnv } from "@/lib/security/headers";

/**
 * Runs on every page and route except static files (next.config.js `headers()` covers those):
 *
 * 1. Malformed server-action requests are answered 400/413 here, before Next decodes them (it
 *    would answer 500).
 * 2. A fresh CSP nonce per request: the policy goes on the request headers, where Next reads the
 *    nonce and puts it on its own scripts while rendering, and on the response with the other
 *    security headers (lib/security/headers.ts).
 * 3. The early redirect only, on /w/…: signed-out visits go to /login?callbackUrl=… . The real
 *    check (membership and role) is requireContext / workspaceAction / workspaceRoute on every request.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const nonce = createNonce();
  const security = responseSecurityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: isHttpsRequest({
      forwardedProto: request.headers.get("x-forwarded-proto"),
      trustProxy: trustProxyFromEnv(),
    }),
    origin: request.nextUrl.origin,
  });
  const secure = (response: Response) => {
    for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
    return response;
  };

  const refusal = await checkServerActionRequest(request);
  if (refusal) {
    return secure(new NextResponse(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8" } }));
  }

  const forward = (req: NextRequest) => {
    const headers = new Headers(req.headers);
    headers.set("Content-Security-Policy", security["Content-Security-Policy"]);
    headers.set(PATH_HEADER, `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  };

  const path = request.nextUrl.pathname;
  if (path === "/w" || path.startsWith("/w/")) {
    const authenticated = withAuth((req) => forward(req), { pages: { signIn: "/login" } });
    // withAuth adds `nextauth` (the token) to the request itself before calling us.
    const response = await authenticated(request as NextRequestWithAuth, event);
    return response ? secure(response) : response;
  }
  return secure(forward(request));
}

export const config = {
  matcher: [
    // Everything but build assets, image optimisation, the icons, and the CSV upload route (a body
    // the proxy sees is buffered in memory and cut at 10 MB for the route; uploads stream up to 50 MB).
    "/((?!_next/static/|_next/image|favicon\\.ico|icon\\.svg|api/w/[^/]+/imports/?$).*)",
  ],
};
