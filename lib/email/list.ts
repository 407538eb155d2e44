import { and, asc, count, desc, eq, gt, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { emailOutbox, type EmailStatus } from "@/db/schema";
import type { OutboxSummary } from "@/lib/email/queries";
import { likePattern } from "@/lib/users/queries";

/** The number of emails on one page of /admin/emails. */
export const OUTBOX_PAGE_SIZE = 50;

/** The templates that renderEmail in lib/email/templates.ts renders, with their labels. */
export const outboxTemplates = [
  { value: "invitation", label: "Invitation" },
  { value: "password_reset", label: "Password reset" },
  { value: "notification", label: "Notification" },
  { value: "digest", label: "Digest" },
] as const;

export type OutboxFilters = {
  /** Text the recipient address contains, ignoring ASCII case. Empty matches every address. */
  recipient: string;
  status: EmailStatus | null;
  template: string | null;
};

/** A position in the list: the rows with ids below `before`, or above `after`. */
export type OutboxCursor = { before: number } | { after: number } | null;

export type OutboxPage = {
  /** At most the page size, newest (highest id) first. */
  rows: OutboxSummary[];
  /** How many emails match the filters on every page. */
  total: number;
  hasOlder: boolean;
  hasNewer: boolean;
};

function filterCondition({ recipient, status, template }: OutboxFilters): SQL | undefined {
  return and(
    recipient ? sql`${emailOutbox.recipient} LIKE ${likePattern(recipient)} ESCAPE '\\'` : undefined,
    status ? eq(emailOutbox.status, status) : undefined,
    template ? eq(emailOutbox.template, template) : undefined,
  );
}

const summaryColumns = {
  id: emailOutbox.id,
  recipient: emailOutbox.recipient,
  template: emailOutbox.template,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  transport: emailOutbox.transport,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

/**
 * Reads one page of outbox rows matching the filters, newest first, using
 * the id as the keyset. It runs three statements whatever the page. The first
 * reads the page with one extra row to learn whether more rows follow, the
 * second checks for a matching row on the other side of the cursor, and the
 * third counts every matching row.
 */
export async function getOutboxPage(
  {
    filters,
    cursor,
    limit = OUTBOX_PAGE_SIZE,
  }: { filters: OutboxFilters; cursor: OutboxCursor; limit?: number },
  db: Executor = getDb(),
): Promise<OutboxPage> {
  const matching = filterCondition(filters);
  const goingNewer = cursor !== null && "after" in cursor;
  let pageSide: SQL | undefined;
  let otherSide: SQL | undefined;
  if (cursor !== null && "after" in cursor) {
    pageSide = gt(emailOutbox.id, cursor.after);
    otherSide = lte(emailOutbox.id, cursor.after);
  } else if (cursor !== null) {
    pageSide = lt(emailOutbox.id, cursor.before);
    otherSide = gte(emailOutbox.id, cursor.before);
  }

  const pageQuery = db
    .select(summaryColumns)
    .from(emailOutbox)
    .where(and(matching, pageSide))
    .orderBy(goingNewer ? asc(emailOutbox.id) : desc(emailOutbox.id))
    .limit(limit + 1);

  // The rows on the other side of the cursor are those the page skipped, so
  // their existence does not depend on which rows the page returns.
  const otherSideQuery =
    otherSide === undefined
      ? Promise.resolve([])
      : db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(matching, otherSide)).limit(1);

  const [pageRows, otherSideRows, [{ total }]] = await Promise.all([
    pageQuery,
    otherSideQuery,
    db.select({ total: count() }).from(emailOutbox).where(matching),
  ]);

  const hasMore = pageRows.length > limit;
  const rows = pageRows.slice(0, limit);
  if (goingNewer) rows.reverse();
  return {
    rows,
    total,
    hasOlder: goingNewer ? otherSideRows.length > 0 : hasMore,
    hasNewer: goingNewer ? hasMore : otherSideRows.length > 0,
  };
}
