import { AppShell } from "@/components/shell/app-shell";
import type { NavItem } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/user-menu";
import { WorkspaceSwitcher } from "@/components/workspace-switcher";
import { listMyWorkspaces, requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace);
  const workspaces = await listMyWorkspaces(ctx.userId);
  const base = `/w/${ctx.workspaceSlug}`;
  const nav: NavItem[] = [
    { href: base, label: "Overview", icon: "overview", exact: true },
    { href: `${base}/customers`, label: "Customers", icon: "customers" },
    ...(can(ctx.role, "segments.read") ? [{ href: `${base}/segments`, label: "Segments", icon: "segments" } as const] : []),
    ...(can(ctx.role, "segments.read") ? [{ href: `${base}/rfm`, label: "RFM", icon: "rfm" } as const] : []),
    ...(can(ctx.role, "segments.read") ? [{ href: `${base}/predictions`, label: "Predictions", icon: "predictions" } as const] : []),
    ...(can(ctx.role, "fields.manage") ? [{ href: `${base}/fields`, label: "Custom fields", icon: "fields" } as const] : []),
    ...(can(ctx.role, "members.manage") ? [{ href: `${base}/members`, label: "Members", icon: "members" } as const] : []),
    ...(can(ctx.role, "audit.read") ? [{ href: `${base}/audit`, label: "Audit log", icon: "audit" } as const] : []),
    ...(can(ctx.role, "apikeys.manage") ? [{ href: `${base}/api-keys`, label: "API keys", icon: "apikeys" } as const] : []),
    ...(can(ctx.role, "jobs.manage") ? [{ href: `${base}/jobs`, label: "Jobs", icon: "jobs" } as const] : []),
    ...(can(ctx.role, "webhooks.manage") ? [{ href: `${base}/webhooks`, label: "Webhooks", icon: "webhooks" } as const] : []),
  ];
  return (
    <AppShell
      workspaceSlug={ctx.workspaceSlug}
      nav={nav}
      switcher={<WorkspaceSwitcher current={ctx.workspaceSlug} workspaces={workspaces} />}
      userMenu={<UserMenu name={ctx.userName} email={ctx.userEmail} role={ctx.role} />}
    >
      {children}
    </AppShell>
  );
}
