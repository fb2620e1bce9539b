import "server-only";
import type { AnyOperation } from "../operation";
import { createSegmentOperation, deleteSegmentOperation, getSegmentOperation, listSegmentsOperation, updateSegmentOperation } from "./segments";
import {
  countDefinitionOperation, countSegmentOperation, explainSegmentOperation, listSegmentMembersOperation, segmentDashboardOperation,
} from "./segments-evaluate";

/** The segment operations of /api/v1, in the order of the reference (wired into OPERATIONS at merge). */
export const SEGMENT_OPERATIONS: readonly AnyOperation[] = [
  listSegmentsOperation,
  createSegmentOperation,
  getSegmentOperation,
  updateSegmentOperation,
  deleteSegmentOperation,
  countSegmentOperation,
  listSegmentMembersOperation,
  countDefinitionOperation,
  explainSegmentOperation,
  segmentDashboardOperation,
];
