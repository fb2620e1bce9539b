/** Stored segment membership (docs/decisions/016-stored-membership.md): the entry points. */
export { drainMembership, type DrainOptions } from "./drain";
export { evaluateSegment } from "./evaluate";
export { onMembershipChange, type MembershipChange, type MembershipChangeHook } from "./hooks";
export { membershipDayChange, membershipWorker, syncMembership, type SyncOptions } from "./sync";
export { dependsOnToday } from "./today";
export type { MembershipCause } from "./apply";
