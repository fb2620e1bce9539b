import Link from "next/link";
import { MobileNav } from "./mobile-nav";
import { NavLinks, type NavItem } from "./nav-links";

/** The signed-in frame: sidebar navigation on wide screens, a top bar with a menu on small ones. */
export function AppShell({
  workspaceSlug,
  nav,
  switcher,
  userMenu,
  children,
}: {
  workspaceSlug: string;
  nav: NavItem[];
  switcher: React.ReactNode;
  userMenu: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <aside className="hidden border-r border-slate-200 bg-white lg:flex lg:min-h-screen lg:flex-col">
        <div className="flex h-14 items-center border-b border-slate-200 px-4">
          <Link href={`/w/${workspaceSlug}`} className="text-lg font-semibold tracking-tight text-slate-900">
            Segmenta
          </Link>
        </div>
        <div className="p-3">{switcher}</div>
        <nav aria-label="Workspace" className="flex-1 px-3">
          <NavLinks items={nav} />
        </nav>
        <div className="border-t border-slate-200 p-3">{userMenu}</div>
      </aside>
      <div className="min-w-0">
        <header className="relative flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 lg:hidden">
          <MobileNav items={nav} />
          <Link href={`/w/${workspaceSlug}`} className="font-semibold tracking-tight">
            Segmenta
          </Link>
          <div className="flex items-center gap-2">
            <div className="max-w-[10rem]">{switcher}</div>
            {userMenu}
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
