/**
 * Every module that registers job kinds, daily jobs or workers, imported once where the runner
 * starts: a kind must be registered in the process that runs it. Add a line per module.
 */
import "@/lib/membership/job";
import "@/lib/predict/job";
import "@/lib/rfm/job";
import "@/lib/snapshots/job";
import "@/lib/webhooks/job";
import "./selftest";
