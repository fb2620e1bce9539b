import Link from "next/link";
import { redirect } from "next/navigation";
import { UserMenu } from "@/components/user-menu";
import { defaultWorkspaceSlug, getSessionUser } from "@/lib/auth/context";

/** The front door: signed-in users go to their last (or first) workspace, everyone else to sign-in. */
export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const slug = await defaultWorkspaceSlug(user.id);
  if (slug) redirect(`/w/${slug}`);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center px-6 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">You are not in any workspace</h1>
      <p className="mt-2 text-sm text-slate-600">
        Signed in as {user.email}. Ask an admin of your team to add you, or create a workspace of your own.
      </p>
      <div className="mt-6 flex gap-3">
        <Link href="/signup" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Create a workspace
        </Link>
        <UserMenu name={user.name} email={user.email} />
      </div>
    </main>
  );
}
