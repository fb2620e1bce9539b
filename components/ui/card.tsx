import { cn } from "./cn";

type DivProps = React.HTMLAttributes<HTMLDivElement>;

/** A white panel with a border and a soft shadow. */
export function Card({ className, ...props }: DivProps) {
  return <div className={cn("rounded-lg border border-slate-200 bg-white shadow-sm", className)} {...props} />;
}

/** The top of a card: title, description and optional actions on the right. */
export function CardHeader({ className, ...props }: DivProps) {
  return <div className={cn("flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4", className)} {...props} />;
}

/** A card's title (an h2 by default). */
export function CardTitle({ className, as: Tag = "h2", ...props }: React.HTMLAttributes<HTMLHeadingElement> & { as?: "h1" | "h2" | "h3" }) {
  return <Tag className={cn("text-base font-semibold text-slate-900", className)} {...props} />;
}

/** Muted text under a card's title. */
export function CardDescription({ className, ...props }: React.HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cn("mt-1 text-sm text-slate-500", className)} {...props} />;
}

/** A card's body. */
export function CardContent({ className, ...props }: DivProps) {
  return <div className={cn("px-5 py-4", className)} {...props} />;
}

/** A card's footer, for actions. */
export function CardFooter({ className, ...props }: DivProps) {
  return <div className={cn("flex items-center justify-end gap-2 border-t border-slate-200 bg-slate-50/60 px-5 py-3", className)} {...props} />;
}
