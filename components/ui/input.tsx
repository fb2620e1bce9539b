import { cn } from "./cn";

/** Shared look of text inputs and selects, including the invalid state from aria-invalid. */
export const controlClasses = cn(
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm",
  "placeholder:text-slate-400",
  "focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/20",
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500",
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus:border-red-500 aria-[invalid=true]:focus:ring-red-500/20",
);

export type InputProps = React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> };

/** A text input (any type) in the project's style. */
export function Input({ className, ...props }: InputProps) {
  return <input className={cn(controlClasses, "h-10", className)} {...props} />;
}
