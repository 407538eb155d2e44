import type { Metadata } from "next";
import Link from "next/link";
import { textLinkClass } from "@/app/admin/_components/styles";
import { requireManager } from "@/lib/auth/session";
import { createStudentAction } from "../actions";
import { StudentForm } from "../_components/student-form";

export const metadata: Metadata = { title: "New student" };

export default async function NewStudentPage() {
  await requireManager();
  return (
    <>
      <p>
        <Link href="/admin/students" className={textLinkClass}>
          Back to students
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">New student</h1>
      <p className="text-zinc-700">After saving you can link parents and create the portal user.</p>
      <StudentForm action={createStudentAction} />
    </>
  );
}
