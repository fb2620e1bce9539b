import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "./cn";

export type AlertVariant = "info" | "success" | "warning" | "error";

const STYLES: Record<AlertVariant, { box: string; icon: typeof Info }> = {
  info: { box: "border-brand-100 bg-brand-50 text-brand-700", icon: Info },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-800", icon: CircleCheck },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-900", icon: TriangleAlert },
  error: { box: "border-red-200 bg-red-50 text-red-800", icon: CircleAlert },
};

/**
 * A notice box. Errors are announced immediately (role="alert"), other variants politely
 * (role="status"); pass `title` for a bold first line.
 */
export function Alert({
  variant = "info",
  title,
  className,
  children,
  ...props
}: Omit<React.HTMLAttributes<HTMLDivElement>, "title"> & { variant?: AlertVariant; title?: React.ReactNode }) {
  const { box, icon: Icon } = STYLES[variant];
  return (
    <div role={variant === "error" ? "alert" : "status"} className={cn("flex gap-3 rounded-md border px-4 py-3 text-sm", box, className)} {...props}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div>{children}</div>}
      </div>
    </div>
  );
}
