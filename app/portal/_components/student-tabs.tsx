"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { STUDENT_PAGES, studentPagePath, studentPageSegment } from "./student-pages";

/** Renders the links to a student's pages and marks the open one with aria-current. */
export function StudentTabs({ studentId, studentName }: { studentId: number; studentName: string }) {
  const current = studentPageSegment(usePathname());
  return (
    <nav aria-label={`Pages about ${studentName}`} className="border-b border-zinc-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {STUDENT_PAGES.map(({ segment, label }) => (
          <li key={label}>
            <Link
              href={studentPagePath(studentId, segment)}
              aria-current={segment === current ? "page" : undefined}
              className="inline-flex min-h-11 items-center border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-700 hover:border-zinc-300 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-700 aria-[current=page]:border-blue-700 aria-[current=page]:text-blue-800"
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
