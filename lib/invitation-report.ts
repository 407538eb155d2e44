import { sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import type { EmailStatus } from "@/db/schema";
import {
  deriveInvitationStatus,
  type InvitationStatus,
} from "@/lib/invitation-state";
import { MAX_REINVITES } from "@/lib/reinvite-parents";
import { likePattern } from "@/lib/users/queries";

export const INVITATION_REPORT_PAGE_SIZE = 50;

/** The states a report row can have: every parent listed has a portal user. */
export const reportStates = ["not_sent", "queued", "sent", "failed", "expired", "accepted"] as const;
export type ReportState = (typeof reportStates)[number];

/** The states a manager can re-invite from; see canResendInvitation. */
export const REINVITABLE_STATES: readonly ReportState[] = ["failed", "expired", "sent", "not_sent"];

export type InvitationReportFilters = {
  state?: ReportState;
  /** Text contained in the name or login. */
  search?: string;
  /** 1-based page number. */
  page?: number;
};

export type InvitationReportRow = {
  userId: number;
  name: string;
  login: string;
  status: InvitationStatus;
  invitedAt: Date | null;
  lastEmail: { status: EmailStatus; at: Date } | null;
};

export type InvitationReport = {
  rows: InvitationReportRow[];
  /** Parents matching every filter. */
  total: number;
  /** Parents matching the search, per state, for the filter's labels. */
  countsByState: Record<ReportState, number>;
  page: number;
  pageCount: number;
};

type RawRow = {
  id: number;
  name: string;
  login: string;
  has_password: number;
  invited_at: number | null;
  expires_at: number | null;
  used_at: number | null;
  email_status: EmailStatus | null;
  attempts: number | null;
  last_error: string | null;
  email_at: number | null;
  state: ReportState;
};

/**
 * Builds the report's rows as a subquery: active parent portal users who
 * have not set a password or have never logged in, with their newest
 * invitation link and email. The state column repeats the rules of
 * deriveInvitationStatus in SQL, so the page can filter and page by state.
 * The users are read through users_kind_name_idx.
 */
function reportRows(search: string | undefined, now: Date): SQL {
  const pattern = search ? likePattern(search) : null;
  const searchCondition = pattern
    ? sql`AND (u.name LIKE ${pattern} ESCAPE '\\' OR u.login LIKE ${pattern} ESCAPE '\\')`
    : sql``;
  return sql`
    SELECT c.id, c.name, c.login, c.has_password,
      t.created_at AS invited_at, t.expires_at, t.used_at,
      e.status AS email_status, e.attempts, e.last_error,
      coalesce(e.sent_at, e.updated_at, e.created_at) AS email_at,
      CASE
        WHEN c.has_password THEN 'accepted'
        WHEN t.id IS NOT NULL AND t.used_at IS NULL AND t.expires_at <= ${now.getTime()} THEN 'expired'
        WHEN e.id IS NULL THEN 'not_sent'
        WHEN e.status = 'sent' THEN 'sent'
        WHEN e.status = 'failed' THEN 'failed'
        ELSE 'queued'
      END AS state
    FROM (
      SELECT u.id, u.name, u.login, u.password_hash IS NOT NULL AS has_password,
        (SELECT max(pt.id) FROM password_tokens pt
          WHERE pt.user_id = u.id AND pt.purpose = 'invitation') AS token_id,
        (SELECT max(eo.id) FROM email_outbox eo
          WHERE eo.user_id = u.id AND eo.template = 'invitation') AS email_id
      FROM users u
      WHERE u.role = 'portal' AND u.is_parent = 1 AND u.active = 1
        AND (u.password_hash IS NULL OR u.last_login_at IS NULL)
        ${searchCondition}
    ) AS c
    LEFT JOIN password_tokens t ON t.id = c.token_id
    LEFT JOIN email_outbox e ON e.id = c.email_id`;
}

function toReportRow(raw: RawRow, now: Date): InvitationReportRow {
  const email =
    raw.email_status === null
      ? undefined
      : { status: raw.email_status, attempts: raw.attempts ?? 0, lastError: raw.last_error };
  const token =
    raw.expires_at === null
      ? undefined
      : {
          expiresAt: new Date(raw.expires_at),
          usedAt: raw.used_at === null ? null : new Date(raw.used_at),
        };
  return {
    userId: raw.id,
    name: raw.name,
    login: raw.login,
    status: deriveInvitationStatus({ hasPassword: Boolean(raw.has_password) }, email, token, now),
    invitedAt: raw.invited_at === null ? null : new Date(raw.invited_at),
    lastEmail:
      raw.email_status === null || raw.email_at === null
        ? null
        : { status: raw.email_status, at: new Date(raw.email_at) },
  };
}

/**
 * Returns one page of parents who were invited but never logged in (no
 * password set, or a password but no login yet), sorted by name then id, with
 * counts per state. Two queries however many parents match.
 */
export async function getInvitationReport(
  { state, search, page = 1, now = new Date() }: InvitationReportFilters & { now?: Date },
  db: Executor = getDb(),
): Promise<InvitationReport> {
  const rows = reportRows(search, now);
  const counts = await db.all<{ state: ReportState; n: number }>(
    sql`SELECT state, count(*) AS n FROM (${rows}) GROUP BY state`,
  );
  const countsByState = Object.fromEntries(reportStates.map((name) => [name, 0])) as Record<
    ReportState,
    number
  >;
  for (const count of counts) countsByState[count.state] = Number(count.n);
  const total = state
    ? countsByState[state]
    : Object.values(countsByState).reduce((sum, n) => sum + n, 0);

  const pageCount = Math.max(1, Math.ceil(total / INVITATION_REPORT_PAGE_SIZE));
  const currentPage = Math.min(Math.max(1, page), pageCount);
  const stateCondition = state ? sql`WHERE state = ${state}` : sql``;
  const rawRows = await db.all<RawRow>(sql`
    SELECT * FROM (${rows}) ${stateCondition}
    ORDER BY name, id
    LIMIT ${INVITATION_REPORT_PAGE_SIZE} OFFSET ${(currentPage - 1) * INVITATION_REPORT_PAGE_SIZE}`);
  return {
    rows: rawRows.map((raw) => toReportRow(raw, now)),
    total,
    countsByState,
    page: currentPage,
    pageCount,
  };
}

/**
 * Returns the ids of up to MAX_REINVITES matching parents that can be
 * re-invited (state failed, expired, sent or not sent), those whose newest
 * link is oldest first, so that clicking again moves on to the rest. Also
 * returns how many such parents match in all.
 */
export async function getReinvitableUserIds(
  { state, search, now = new Date() }: Omit<InvitationReportFilters, "page"> & { now?: Date },
  db: Executor = getDb(),
): Promise<{ userIds: number[]; total: number }> {
  const states = state ? REINVITABLE_STATES.filter((name) => name === state) : REINVITABLE_STATES;
  if (states.length === 0) return { userIds: [], total: 0 };
  const stateList = sql.join(
    states.map((name) => sql`${name}`),
    sql`, `,
  );
  const rows = reportRows(search, now);
  const [matching, [{ n }]] = await Promise.all([
    db.all<{ id: number }>(sql`
      SELECT id FROM (${rows}) WHERE state IN (${stateList})
      ORDER BY invited_at IS NOT NULL, invited_at, id
      LIMIT ${MAX_REINVITES}`),
    db.all<{ n: number }>(sql`SELECT count(*) AS n FROM (${rows}) WHERE state IN (${stateList})`),
  ]);
  return { userIds: matching.map((row) => Number(row.id)), total: Number(n) };
}
