import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmailCaptureNote } from "@/app/admin/_components/email-capture-note";
import { sectionClass, textLinkClass } from "@/app/admin/_components/styles";
import { formatDateTime } from "@/app/admin/_lib/format";
import { parseRouteId } from "@/app/admin/_lib/route-params";
import { requireManager } from "@/lib/auth/session";
import { getOutboxEmailById, type OutboxEmail } from "@/lib/email/queries";
import { renderEmail, type RenderedEmail } from "@/lib/email/templates";

export const metadata: Metadata = { title: "Email" };

/** Returns whether the payload still has its set-password link, which is removed once Resend has sent the email. */
function hasSetPasswordUrl(payload: unknown): boolean {
  if (typeof payload !== "object" || payload === null) return false;
  const url = (payload as { setPasswordUrl?: unknown }).setPasswordUrl;
  return typeof url === "string" && url !== "";
}

function EmailFacts({ email }: { email: OutboxEmail }) {
  const facts: [string, string][] = [
    ["Recipient", email.recipient],
    ["Template", email.template],
    ["Status", email.status],
    ["Attempts", String(email.attempts)],
    ["Last error", email.lastError ?? "—"],
    ["Created", formatDateTime(email.createdAt)],
    ["Sent at", email.sentAt ? formatDateTime(email.sentAt) : "—"],
    ["Transport", email.transport ?? "—"],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-zinc-700">{term}</dt>
          <dd className="[overflow-wrap:anywhere]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

async function EmailPreview({ email }: { email: OutboxEmail }) {
  const hasLink = email.template === "invitation" || email.template === "password_reset";
  if (hasLink && !hasSetPasswordUrl(email.payload)) {
    return (
      <p>
        The set-password link was removed from this email after it was sent, so the email cannot be
        shown again. If the recipient needs a new link, send a new invitation or password reset
        from their page under Users.
      </p>
    );
  }
  let rendered: RenderedEmail;
  try {
    rendered = await renderEmail(email.template, email.payload);
  } catch (error) {
    console.error(`email outbox ${email.id}: preview rendering failed`, error);
    return (
      <p role="alert" className="text-red-800">
        This email could not be displayed because its template failed to render. The cause is in
        the server log under email outbox {email.id}.
      </p>
    );
  }
  return (
    <>
      <p>
        <span className="font-medium">Subject:</span> {rendered.subject}
      </p>
      <h3 className="font-semibold">Text version</h3>
      <pre className="overflow-x-auto rounded-md bg-zinc-50 p-3 text-sm whitespace-pre-wrap break-words">
        {rendered.text}
      </pre>
      <h3 className="font-semibold">HTML version</h3>
      <iframe
        sandbox=""
        srcDoc={rendered.html}
        title="Email preview"
        className="h-[36rem] w-full rounded-md border border-zinc-200 bg-white"
      />
    </>
  );
}

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireManager();
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const email = await getOutboxEmailById({ id });
  if (!email) notFound();

  return (
    <>
      <p>
        <Link href="/admin/emails" className={textLinkClass}>
          Back to emails
        </Link>
      </p>
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">Email to {email.recipient}</h1>
      <EmailCaptureNote />
      <EmailFacts email={email} />
      <section aria-labelledby="preview-heading" className={sectionClass}>
        <h2 id="preview-heading" className="text-lg font-semibold">
          Content
        </h2>
        <EmailPreview email={email} />
      </section>
    </>
  );
}
