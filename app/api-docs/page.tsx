import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/api-docs/api-reference";

export const metadata: Metadata = { title: "API reference" };

/** The public API's reference, open to anyone like the OpenAPI document it is rendered from. */
export default function ApiDocsPage() {
  return (
    <main>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 sm:px-6">
        <p className="text-sm text-slate-700">
          <Link href="/" className="font-semibold text-slate-900 hover:underline">
            Segmenta
          </Link>{" "}
          API v1 · keys are made by workspace admins under <span className="font-medium">API keys</span>
        </p>
        <a href="/api/v1/openapi.json" className="text-sm font-medium text-brand-700 hover:underline">
          OpenAPI 3.1 document (JSON)
        </a>
      </header>
      <ApiReference />
    </main>
  );
}
