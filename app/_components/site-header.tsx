import Link from "next/link";
import { logOut } from "@/app/login/actions";

/** Renders the bar at the top of signed-in pages, with the user's name and Log out. */
export function SiteHeader({
  homeHref,
  userName,
  children,
}: {
  homeHref: string;
  userName: string;
  children?: React.ReactNode;
}) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href={homeHref} className="font-semibold text-blue-800">
          Parent Portal
        </Link>
        {children}
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-zinc-700">{userName}</span>
          <form action={logOut}>
            <button
              type="submit"
              className="rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-700"
            >
              Log out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
