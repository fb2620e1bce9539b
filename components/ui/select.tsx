import { ChevronDown } from "lucide-react";
import { cn } from "./cn";
import { controlClasses } from "./input";

export type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement> & {
  ref?: React.Ref<HTMLSelectElement>;
  /** Size of the control: md matches Input, sm fits table rows. */
  controlSize?: "sm" | "md";
};

/** A native select (keyboard and screen-reader friendly everywhere) in the project's style. */
export function Select({ className, controlSize = "md", children, ...props }: SelectProps) {
  return (
    <div className={cn("relative", className)}>
      <select className={cn(controlClasses, "appearance-none pr-9", controlSize === "sm" ? "h-8" : "h-10")} {...props}>
        {children}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-400" />
    </div>
  );
}
