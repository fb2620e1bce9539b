/**
 * `demo`: the demo workspace with its sign-ins, loaded when absent.
 */
import type { Command } from "commander";
import { DEMO_USERS, DEMO_WORKSPACE, ensureDemoWorkspace } from "@/lib/seed/demo";
import type { CliContext } from "./context";

/** Registers `demo`. */
export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(`create the demo workspace "${DEMO_WORKSPACE.slug}" with ${DEMO_WORKSPACE.customers.toLocaleString("en-US")} customers and one user per role, if absent`)
    .action(async () => {
      const result = await ensureDemoWorkspace(await ctx.db(), { log: (line) => ctx.out(line) });
      if (!result.workspaceCreated && result.customersLoaded === 0 && result.usersCreated === 0 && result.membershipsCreated === 0) {
        ctx.out(`The demo workspace "${DEMO_WORKSPACE.slug}" is already there; nothing to do.`);
      }
      ctx.out("Demo sign-ins:");
      for (const user of DEMO_USERS) ctx.out(`  ${user.role.padEnd(7)} ${user.email.padEnd(28)} password: ${user.password}`);
    });
}
