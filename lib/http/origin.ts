import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "./client-address";

/** The origin links in e-mails start with: NEXTAUTH_URL when set (npm start sets it), else this request's host. */
export async function requestOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/** This request's client address (lib/http/client-address), for limits in server actions. */
export async function requestClientAddress(): Promise<string | null> {
  return clientAddress(await headers());
}
