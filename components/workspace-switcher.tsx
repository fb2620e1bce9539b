"use client";

import { Check, ChevronsUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { MyWorkspace } from "@/lib/auth/types";
import { lastWorkspaceCookie } from "@/lib/auth/workspace-cookie";

function Initial({ name }: { name: string }) {
  return (
    <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-md bg-brand-600 text-xs font-semibold text-white">
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/** Shows the current workspace and switches to another one; remembers the current one for "/". */
export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: MyWorkspace[] }) {
  const router = useRouter();
  const active = workspaces.find((w) => w.slug === current);

  useEffect(() => {
    document.cookie = lastWorkspaceCookie(current);
  }, [current]);

  const label = active?.name ?? current;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Workspace: ${label}. Switch workspace`}
        className="flex w-full min-w-0 items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1.5 text-left text-sm shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <Initial name={label} />
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium text-slate-900">{label}</span>
          {active && <span className="block truncate text-xs text-slate-500">{ROLE_LABELS[active.role]}</span>}
        </span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Your workspaces</DropdownMenuLabel>
        {workspaces.map((w) => (
          <DropdownMenuItem
            key={w.slug}
            aria-current={w.slug === current ? "true" : undefined}
            onSelect={() => {
              if (w.slug !== current) router.push(`/w/${w.slug}`);
            }}
          >
            <Initial name={w.name} />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{w.name}</span>
              <span className="block truncate text-xs text-slate-500">/w/{w.slug}</span>
            </span>
            {w.slug === current ? (
              <Check aria-label="Current workspace" className="size-4 text-brand-600" />
            ) : (
              <Badge>{ROLE_LABELS[w.role]}</Badge>
            )}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
