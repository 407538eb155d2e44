"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin/parents", label: "Parents" },
  { href: "/admin/students", label: "Students" },
  { href: "/admin/attendance", label: "Attendance" },
  { href: "/admin/results", label: "Results" },
  { href: "/admin/fees", label: "Fees" },
  { href: "/admin/announcements", label: "Announcements" },
  { href: "/admin/emails", label: "Emails" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/invitations", label: "Invitations" },
  { href: "/admin/import", label: "Import" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/audit", label: "History" },
];

/** Renders the manager's section links and marks the current section with aria-current. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Manager sections">
      <ul className="flex flex-wrap gap-1 text-sm">
        {LINKS.map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className="inline-flex min-h-10 items-center rounded-md px-3 py-2 text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-700 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold aria-[current=page]:text-blue-800"
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
