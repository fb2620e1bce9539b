import { withAuth } from "next-auth/middleware";
import { NextResponse } from "next/server";
import { PATH_HEADER } from "@/lib/auth/paths";

/**
 * The early redirect only: signed-out visits to /w/… go to /login?callbackUrl=… . The real check
 * (membership and role) is requireContext / workspaceAction / workspaceRoute on every request.
 */
export const proxy = withAuth(
  (req) => {
    const headers = new Headers(req.headers);
    headers.set(PATH_HEADER, `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  },
  { pages: { signIn: "/login" } },
);

export const config = { matcher: ["/w/:path*"] };
