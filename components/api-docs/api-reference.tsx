"use client";

import dynamic from "next/dynamic";
import "@scalar/api-reference-react/style.css";

// Scalar's reference renders in the browser only (it measures the page and reads location).
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <p className="p-8 text-sm text-slate-600">Loading the API reference…</p>,
});

/**
 * The API reference, rendered from /api/v1/openapi.json by Scalar (a maintained OpenAPI renderer).
 * Everything it needs is served from here: no web fonts, no telemetry, no request proxy.
 */
export function ApiReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: "/api/v1/openapi.json",
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        hideDarkModeToggle: true,
        forceDarkModeState: "light",
        showDeveloperTools: "never",
        theme: "default",
        layout: "modern",
        defaultOpenAllTags: false,
        documentDownloadType: "json",
        mcp: { disabled: true },
        agent: { disabled: true },
      }}
    />
  );
}
