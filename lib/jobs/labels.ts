/** How the jobs page names job kinds; a kind missing here is shown by its raw name. Pure and client-safe. */
const KIND_LABELS: Readonly<Record<string, string>> = {
  "segment.snapshots": "Daily segment snapshots",
  "rfm.refresh": "Daily RFM refresh",
  "predict.refresh": "Daily prediction refresh",
  "jobs.selftest": "Self-test job",
};

/** The label of a job kind. */
export function jobKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
