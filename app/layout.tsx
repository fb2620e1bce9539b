import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { HydrationMarker } from "@/components/hydration-marker";
import { connection } from "next/server";
import { ZodJitless } from "@/components/zod-jitless";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Segmenta", template: "%s · Segmenta" },
  description: "Customer segmentation for marketing teams.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts the request's CSP nonce (proxy.ts) on its scripts only
  // while rendering, so a page prerendered at build time (sign-up, the 404) would carry no nonce and
  // its scripts would be blocked.
  await connection();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <HydrationMarker />
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
