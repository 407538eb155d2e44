import Link from "next/link";
import { textLinkClass } from "./_components/styles";

/** Renders the not-found message for unknown or malformed record ids under /admin, inside the manager layout. */
export default function AdminNotFound() {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-zinc-700">
        No record has this address. It may have been deleted, or the link may be mistyped.
      </p>
      <p>
        <Link href="/admin/parents" className={textLinkClass}>
          Go to the parent list
        </Link>
      </p>
    </div>
  );
}
