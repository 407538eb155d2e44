import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-zinc-700">
        This page does not exist, or your account does not give access to it.
      </p>
      <p className="mt-6">
        <Link href="/" className="text-blue-700 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
