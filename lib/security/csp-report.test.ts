import { describe, expect, it } from "vitest";
import { createLogBudget, describeViolation, parseCspReports } from "./csp-report";

describe("parseCspReports", () => {
  it("reads the report-uri format", () => {
    const [v] = parseCspReports({
      "csp-report": {
        "document-uri": "http://localhost:3103/login",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "http://localhost:3103/login",
        "line-number": 12,
        "script-sample": "alert(1)",
        disposition: "enforce",
      },
    });
    expect(v).toEqual({
      documentUrl: "http://localhost:3103/login",
      directive: "script-src-elem",
      blockedUrl: "inline",
      sourceFile: "http://localhost:3103/login",
      line: 12,
      sample: "alert(1)",
      disposition: "enforce",
    });
    expect(describeViolation(v)).toBe(
      'CSP violation (enforce): script-src-elem blocked inline on http://localhost:3103/login at http://localhost:3103/login:12 sample="alert(1)"',
    );
  });

  it("reads the Reporting API format and skips other report types", () => {
    const reports = parseCspReports([
      { type: "csp-violation", url: "http://x/", body: { documentURL: "http://x/", effectiveDirective: "img-src", blockedURL: "https://evil.example/a.png", disposition: "enforce" } },
      { type: "deprecation", body: { id: "x" } },
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ directive: "img-src", blockedUrl: "https://evil.example/a.png" });
  });

  it("finds nothing in garbage and keeps fields short and on one line", () => {
    for (const garbage of [null, 1, "x", {}, [], [1, 2], { "csp-report": "x" }]) expect(parseCspReports(garbage)).toEqual([]);
    const [v] = parseCspReports({ "csp-report": { "document-uri": `a\nFAKE LOG LINE${"z".repeat(1000)}`, "line-number": "7" } });
    expect(v.documentUrl).not.toContain("\n");
    expect(v.documentUrl.length).toBeLessThanOrEqual(301);
    expect(v.line).toBeNull();
  });
});

describe("createLogBudget", () => {
  it("allows a number per minute, then counts the dropped ones and reports them in the next window", () => {
    let now = 0;
    const budget = createLogBudget(2, () => now);
    expect(budget.take().allowed).toBe(true);
    expect(budget.take().allowed).toBe(true);
    expect(budget.take().allowed).toBe(false);
    expect(budget.take().allowed).toBe(false);
    now = 60_000;
    expect(budget.take()).toEqual({ allowed: true, droppedBefore: 2 });
  });
});
