import type { AuditAction } from "./record";

/** Short labels of the audit actions, for the action filter and each event's row. */
export const auditActionLabels: Record<AuditAction, string> = {
  "user.created": "Portal user created",
  "user.linked": "Parent linked to an existing portal user",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "invitation.queued": "Invitation queued",
  "invitation.sent": "Invitation or reset email sent",
  "invitation.failed": "Invitation or reset email failed",
  "password.reset_requested": "Password reset requested",
  "password.set": "Password set from an invitation",
  "password.reset": "Password reset from a link",
  "child.added": "Child added to a parent account",
  "child.removed": "Child removed from a parent account",
  "link.added": "Student linked to a parent",
  "link.removed": "Student unlinked from a parent",
  "link.changed": "Relationship changed",
  "student_user.created": "Student portal user created",
  "student_user.removed": "Student portal user removed",
  "student_user.replaced": "Student portal user replaced",
  "parent.archived": "Parent archived",
  "parent.restored": "Parent restored",
  "parent.deleted": "Parent deleted",
  "student.archived": "Student archived",
  "student.restored": "Student restored",
  "student.deleted": "Student deleted",
  "import.applied": "CSV import applied",
  "bulk.started": "Bulk job started",
};

/** The action filter's groups, in the order the select shows them. */
export const auditActionGroups: { label: string; actions: AuditAction[] }[] = [
  {
    label: "Accounts",
    actions: ["user.created", "user.linked", "user.deactivated", "user.reactivated"],
  },
  {
    label: "Invitations and passwords",
    actions: [
      "invitation.queued",
      "invitation.sent",
      "invitation.failed",
      "password.reset_requested",
      "password.set",
      "password.reset",
    ],
  },
  { label: "Children of parent accounts", actions: ["child.added", "child.removed"] },
  { label: "Parent and student links", actions: ["link.added", "link.removed", "link.changed"] },
  {
    label: "Student portal users",
    actions: ["student_user.created", "student_user.removed", "student_user.replaced"],
  },
  {
    label: "Records",
    actions: [
      "parent.archived",
      "parent.restored",
      "parent.deleted",
      "student.archived",
      "student.restored",
      "student.deleted",
    ],
  },
  { label: "Imports and bulk jobs", actions: ["import.applied", "bulk.started"] },
];

const FIELD_LABELS: Record<string, string> = {
  active: "State",
  relationship: "Relationship",
  portalUser: "Portal user",
  child: "Child",
  children: "Children",
  childrenAdded: "Children added",
  unusedLinks: "Unused links",
  linkExpiresAt: "Link expires",
  login: "Login",
  isParent: "Parent account",
  status: "Email status",
  attempt: "Attempt",
  email: "Outbox email",
  reason: "Reason",
  link: "Link",
  password: "Password",
  name: "Name",
};

/** One field of an event's before → after, as text. Null means the field was absent or empty. */
export type FieldChange = { field: string; label: string; before: string | null; after: string | null };

/** Turns "childrenAdded" into "Children added" for fields without a label. */
function humanizeField(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type ValueContext = { inactiveLabel: string; formatInstant: (date: Date) => string };

function formatValue(field: string, value: unknown, context: ValueContext): string | null {
  if (value === null || value === undefined) return null;
  if (field === "active" && typeof value === "boolean") return value ? "Active" : context.inactiveLabel;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (field === "relationship" && typeof value === "string") {
    return value.charAt(0).toUpperCase() + value.slice(1);
  }
  if (field === "email" && typeof value === "number") return `Email ${value}`;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) {
    return context.formatInstant(new Date(value));
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "None";
    return value.map((item) => formatValue(field, item, context) ?? "").join(", ");
  }
  if (typeof value === "object") {
    const named = value as { name?: unknown };
    if (typeof named.name === "string") return named.name;
    return JSON.stringify(value);
  }
  return String(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Lists the fields of an event's before and after as readable text, leaving
 * out fields equal on both sides. `formatInstant` formats timestamps, such as
 * a link's expiry, in the school's time zone.
 */
export function describeFieldChanges(
  event: { action: string; before: unknown; after: unknown },
  formatInstant: (date: Date) => string,
): FieldChange[] {
  const context: ValueContext = {
    inactiveLabel: event.action.startsWith("user.") ? "Deactivated" : "Archived",
    formatInstant,
  };
  const { before, after } = event;
  const beforeFields = asRecord(before);
  const afterFields = asRecord(after);
  const fields = [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])];
  return fields
    .map((field) => ({
      field,
      label: FIELD_LABELS[field] ?? humanizeField(field),
      before: formatValue(field, beforeFields[field], context),
      after: formatValue(field, afterFields[field], context),
    }))
    .filter((change) => change.before !== change.after);
}
