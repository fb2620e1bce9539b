"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { cn } from "./cn";

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuGroup = Menu.Group;

/** The floating menu panel (arrow keys move, typeahead works, Escape closes). */
export function DropdownMenuContent({ className, sideOffset = 6, ...props }: React.ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        sideOffset={sideOffset}
        className={cn("z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-700 shadow-lg focus:outline-none", className)}
        {...props}
      />
    </Menu.Portal>
  );
}

/** A menu entry; `danger` tints it red. */
export function DropdownMenuItem({ className, danger, ...props }: React.ComponentProps<typeof Menu.Item> & { danger?: boolean }) {
  return (
    <Menu.Item
      className={cn(
        "flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none select-none",
        "data-[disabled]:pointer-events-none data-[disabled]:opacity-50",
        danger ? "text-red-700 data-[highlighted]:bg-red-50" : "data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900",
        className,
      )}
      {...props}
    />
  );
}

/** A non-interactive heading inside a menu. */
export function DropdownMenuLabel({ className, ...props }: React.ComponentProps<typeof Menu.Label>) {
  return <Menu.Label className={cn("px-2 py-1.5 text-xs font-medium text-slate-500", className)} {...props} />;
}

/** A line between menu groups. */
export function DropdownMenuSeparator({ className, ...props }: React.ComponentProps<typeof Menu.Separator>) {
  return <Menu.Separator className={cn("my-1 h-px bg-slate-200", className)} {...props} />;
}
