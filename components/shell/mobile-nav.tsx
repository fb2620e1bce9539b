"use client";

import { Menu, X } from "lucide-react";
import { useState } from "react";
import { NavLinks, type NavItem } from "./nav-links";

/** The navigation behind a menu button on small screens. */
export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="lg:hidden">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls="mobile-nav"
        aria-label={open ? "Close navigation" : "Open navigation"}
        className="rounded-md p-2 text-slate-600 hover:bg-slate-100"
      >
        {open ? <X className="size-5" aria-hidden /> : <Menu className="size-5" aria-hidden />}
      </button>
      {open && (
        <nav id="mobile-nav" aria-label="Workspace" className="absolute inset-x-0 top-14 z-20 border-b border-slate-200 bg-white p-3 shadow-sm">
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
        </nav>
      )}
    </div>
  );
}
