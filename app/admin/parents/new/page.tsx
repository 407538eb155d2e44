import type { Metadata } from "next";
import Link from "next/link";
import { textLinkClass } from "@/app/admin/_components/styles";
import { requireManager } from "@/lib/auth/session";
import { createParentAction } from "../actions";
import { ParentForm } from "../_components/parent-form";

export const metadata: Metadata = { title: "New parent" };

export default async function NewParentPage() {
  await requireManager();
  return (
    <>
      <p>
        <Link href="/admin/parents" className={textLinkClass}>
          Back to parents
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">New parent</h1>
      <p className="text-zinc-700">After saving you can link students and create the portal user.</p>
      <ParentForm action={createParentAction} />
    </>
  );
}
