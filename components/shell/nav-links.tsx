"use client";

import { Contact, Grid3x3, KeyRound, Layers, LayoutDashboard, ListChecks, ScrollText, SlidersHorizontal, TrendingUp, Users, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ICONS = { overview: LayoutDashboard, customers: Contact, segments: Layers, rfm: Grid3x3, predictions: TrendingUp, fields: SlidersHorizontal, members: Users, audit: ScrollText, apikeys: KeyRound, jobs: ListChecks, webhooks: Webhook } as const;

/** The sections of a workspace; each is shown only when the user's role may open it. */
export interface NavItem {
  href: string;
  label: string;
  icon: keyof typeof ICONS;
  exact?: boolean;
}

/** The workspace navigation, marking the current section. */
export function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = ICONS[item.icon];
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              <Icon aria-hidden className="size-4" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
