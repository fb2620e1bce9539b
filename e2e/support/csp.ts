import type { BrowserContext, ConsoleMessage } from "@playwright/test";

/** One Content-Security-Policy violation seen in a page. */
export interface CspViolation {
  via: "event" | "console";
  page: string;
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

const BINDING = "__segmentaCspViolation";

/** Runs in every page before its own scripts (init scripts are not subject to the page's CSP). */
function listenForViolations(binding: string) {
  document.addEventListener(
    "securitypolicyviolation",
    (e) => {
      const report = (window as unknown as Record<string, (v: unknown) => void>)[binding];
      report?.({
        page: e.documentURI,
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : "",
        sample: e.sample,
      });
    },
    true,
  );
}

/**
 * Chromium's console wordings for a CSP block: "Refused to load the script '…' because it violates
 * the following Content Security Policy directive …" and "Executing inline event handler violates
 * the following Content Security Policy directive …".
 */
export const CSP_CONSOLE_PATTERN = /(Refused to .*|violates the following) Content Security Policy/i;

/**
 * Records CSP violations in browser contexts: the `securitypolicyviolation` DOM event and
 * Chromium's console messages about a Content Security Policy block.
 */
export class CspCollector {
  private readonly seen: CspViolation[] = [];
  private readonly attached = new WeakSet<BrowserContext>();

  get violations(): readonly CspViolation[] {
    return this.seen;
  }

  async attach(context: BrowserContext): Promise<void> {
    if (this.attached.has(context)) return;
    this.attached.add(context);
    await context.exposeBinding(BINDING, (_source, v: Omit<CspViolation, "via">) => {
      this.seen.push({ via: "event", ...v });
    });
    await context.addInitScript(listenForViolations, BINDING);
    context.on("console", (message: ConsoleMessage) => {
      if (!CSP_CONSOLE_PATTERN.test(message.text())) return;
      const location = message.location();
      this.seen.push({
        via: "console",
        page: message.page()?.url() ?? "",
        directive: "",
        blocked: message.text(),
        source: location.url ? `${location.url}:${location.lineNumber}` : "",
        sample: "",
      });
    });
  }

  /** Returns what was recorded so far and forgets it. */
  take(): CspViolation[] {
    return this.seen.splice(0);
  }

  /** Throws, listing them, when any violation was recorded. */
  assertNone(): void {
    if (this.seen.length === 0) return;
    const lines = this.seen.map((v) =>
      v.via === "event"
        ? `- ${v.directive} blocked ${v.blocked || "(inline)"} on ${v.page}${v.source ? ` at ${v.source}` : ""}${v.sample ? ` sample: ${v.sample}` : ""}`
        : `- console on ${v.page}: ${v.blocked}`,
    );
    throw new Error(`Content Security Policy violations in this test (${this.seen.length}):\n${lines.join("\n")}`);
  }
}
