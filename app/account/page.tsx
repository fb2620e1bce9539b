import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { UserMenu } from "@/components/user-menu";
import { defaultWorkspaceSlug, getSessionUser, listMyWorkspaces } from "@/lib/auth/context";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Your account" };

/** The signed-in person's account: who they are, their workspaces, and changing the password. */
export default async function AccountPage() {
  await connection();
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=%2Faccount");
  const [workspaces, back] = await Promise.all([listMyWorkspaces(user.id), defaultWorkspaceSlug(user.id)]);

  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link
            href={back ? `/w/${back}` : "/"}
            className="rounded-md text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            ← Back to {back ? (workspaces.find((w) => w.slug === back)?.name ?? "your workspace") : "Segmenta"}
          </Link>
          <UserMenu name={user.name} email={user.email} />
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your account</h1>
        <Card>
          <CardHeader>
            <CardTitle>Profile</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-4 text-sm sm:grid-cols-[8rem_1fr]">
              <dt className="font-medium text-slate-500">Name</dt>
              <dd className="text-slate-900">{user.name}</dd>
              <dt className="font-medium text-slate-500">Email</dt>
              <dd className="break-all text-slate-900">{user.email}</dd>
              <dt className="font-medium text-slate-500">Workspaces</dt>
              <dd className="text-slate-900">
                {workspaces.length === 0 ? (
                  "None yet."
                ) : (
                  <ul className="space-y-1">
                    {workspaces.map((w) => (
                      <li key={w.slug}>
                        <Link href={`/w/${w.slug}`} className="font-medium text-brand-700 hover:underline">
                          {w.name}
                        </Link>{" "}
                        <span className="text-slate-500">({ROLE_LABELS[w.role]})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Change password</CardTitle>
            <CardDescription>Changing it signs you out everywhere else: other browsers and devices must sign in with the new password.</CardDescription>
          </CardHeader>
          <CardContent>
            <div className="max-w-sm">
              <ChangePasswordForm />
            </div>
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
