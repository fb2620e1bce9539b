import { cn } from "./cn";

/** A form label; `optional` adds a muted "(optional)". */
export function Label({ className, optional, children, ...props }: React.LabelHTMLAttributes<HTMLLabelElement> & { optional?: boolean }) {
  return (
    <label className={cn("block text-sm font-medium text-slate-700", className)} {...props}>
      {children}
      {optional && <span className="ml-1 font-normal text-slate-500">(optional)</span>}
    </label>
  );
}
