/**
 * Every CLI command, in the order `--help` lists them. Add a command by appending its register function.
 */
import { registerApiKeyCommand } from "./apikey";
import type { RegisterCommand } from "./context";
import { registerDemoCommand } from "./demo";
import { registerFieldsCommand } from "./fields";
import { registerImportCommand } from "./import";
import { registerMembershipCommand } from "./membership";
import { registerPredictCommand } from "./predict";
import { registerRfmCommand } from "./rfm";
import { registerSeedCommand } from "./seed";
import { registerSegmentCommand } from "./segment";
import { registerSnapshotsCommand } from "./snapshots";
import { registerWorkspaceCommand } from "./workspace";

export type { CliContext, RegisterCommand } from "./context";

export const COMMANDS: RegisterCommand[] = [
  registerWorkspaceCommand, registerSeedCommand, registerDemoCommand, registerImportCommand, registerFieldsCommand, registerSegmentCommand,
  registerRfmCommand, registerPredictCommand, registerSnapshotsCommand, registerMembershipCommand,
  registerApiKeyCommand,
];
