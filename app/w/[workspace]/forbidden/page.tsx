import type { Metadata } from "next";
import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { z } from "zod";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireContext } from "@/lib/auth/context";
import { PERMISSION_LABELS, permissionSchema, ROLE_LABELS, roleWithArticle } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "No access" };

const searchSchema = z.object({ permission: permissionSchema.optional().catch(undefined) });

/** Where requireContext sends members whose role lacks a page's permission. */
export default async function ForbiddenPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace);
  const { permission } = searchSchema.parse(await searchParams);
  const what = permission ? PERMISSION_LABELS[permission] : "open that page";
  return (
    <Card className="mx-auto mt-8 max-w-lg px-6 py-10 text-center">
      <ShieldAlert aria-hidden className="mx-auto size-10 text-amber-500" />
      <h1 className="mt-4 text-xl font-semibold text-slate-900">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are {roleWithArticle(ctx.role).split(" ")[0]} <strong className="font-medium text-slate-900">{ROLE_LABELS[ctx.role]}</strong> in{" "}
        {ctx.workspaceName}, and that role can&apos;t {what}. Ask an admin of this workspace if you need it.
      </p>
      <Link href={`/w/${ctx.workspaceSlug}`} className={buttonClasses({ variant: "secondary", className: "mt-6" })}>
        Back to the overview
      </Link>
    </Card>
  );
}
