"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { studentPagePath, studentPageSegment } from "./student-pages";

/**
 * Renders a link to each child the user may see, to the page of the same
 * kind as the open one: from Tom's fees to Lucy's fees. The links are in the
 * server-rendered HTML, so switching works without JavaScript.
 */
export function ChildSwitcher({
  students,
  currentId,
}: {
  students: { id: number; name: string }[];
  currentId: number;
}) {
  const segment = studentPageSegment(usePathname());
  return (
    <nav aria-labelledby="child-switcher-label" className="flex flex-wrap items-center gap-2">
      <span id="child-switcher-label" className="text-sm font-medium text-zinc-700">
        Switch child
      </span>
      <ul className="flex flex-wrap gap-2">
        {students.map((student) => (
          <li key={student.id}>
            <Link
              href={studentPagePath(student.id, segment)}
              aria-current={student.id === currentId ? "page" : undefined}
              className="inline-flex min-h-10 items-center rounded-full border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold aria-[current=page]:text-blue-800"
            >
              {student.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
