import { parseRouteId, parseSearchQuery } from "@/app/admin/_lib/route-params";
import type { AuditCursor, AuditFilters } from "@/lib/audit/queries";
import { auditActions, type AuditAction } from "@/lib/audit/record";

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function idParam(value: string | string[] | undefined): number | undefined {
  return parseRouteId(first(value)) ?? undefined;
}

/** Reads a YYYY-MM-DD date that exists in the calendar, or undefined. */
function dateParam(value: string | string[] | undefined): string | undefined {
  const text = first(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : undefined;
}

function actorParam(value: string | string[] | undefined): AuditFilters["actor"] {
  const text = first(value);
  if (text === "system") return "system";
  return idParam(text);
}

/**
 * Reads the audit trail's filters and cursor from the URL. Unknown or
 * malformed values are ignored, so an edited link shows more events rather
 * than an error. A "from" date after the "to" date is swapped.
 */
export function parseAuditParams(params: SearchParams): { filters: AuditFilters; cursor: AuditCursor } {
  const action = auditActions.find((candidate) => candidate === first(params.action));
  let from = dateParam(params.from);
  let to = dateParam(params.to);
  if (from && to && from > to) [from, to] = [to, from];
  const filters: AuditFilters = {
    parentId: idParam(params.parent),
    studentId: idParam(params.student),
    userId: idParam(params.user),
    action: action as AuditAction | undefined,
    actor: actorParam(params.actor),
    from,
    to,
    search: parseSearchQuery(params.q) || undefined,
  };
  const before = idParam(params.before);
  const after = before === undefined ? idParam(params.after) : undefined;
  return { filters, cursor: { before, after } };
}

/** Returns whether any filter is set. */
export function hasAuditFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** Builds the audit trail's URL for `filters` and `cursor`, leaving out empty values. */
export function auditHref(filters: AuditFilters, cursor: AuditCursor = {}): string {
  const query = new URLSearchParams();
  if (filters.parentId !== undefined) query.set("parent", String(filters.parentId));
  if (filters.studentId !== undefined) query.set("student", String(filters.studentId));
  if (filters.userId !== undefined) query.set("user", String(filters.userId));
  if (filters.action) query.set("action", filters.action);
  if (filters.actor !== undefined) query.set("actor", String(filters.actor));
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.search) query.set("q", filters.search);
  if (cursor.before !== undefined) query.set("before", String(cursor.before));
  if (cursor.after !== undefined) query.set("after", String(cursor.after));
  const text = query.toString();
  return text ? `/admin/audit?${text}` : "/admin/audit";
}
