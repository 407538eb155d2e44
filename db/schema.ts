import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Timestamps are stored as Unix milliseconds so comparisons stay exact in SQL.
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const contacts = sqliteTable("contacts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  email: text("email"),
  phone: text("phone"),
  createdAt: createdAt(),
});

export const userRoles = ["manager", "portal"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // The normalised email address; see lib/login.ts.
    login: text("login").notNull(),
    name: text("name").notNull(),
    contactId: integer("contact_id").references(() => contacts.id, {
      onDelete: "set null",
    }),
    // Empty until the user sets a password through an invitation link.
    passwordHash: text("password_hash"),
    role: text("role", { enum: userRoles }).notNull(),
    isParent: integer("is_parent", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Raised to end every session the user has open.
    sessionVersion: integer("session_version").notNull().default(1),
    lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_login_unique").on(t.login),
    // The admin user list sorts by name and filters by kind and state.
    index("users_name_idx").on(t.name, t.id),
    index("users_kind_name_idx").on(t.role, t.isParent, t.active, t.name, t.id),
  ],
);

// child_ids: the portal users of the students a parent user may see.
export const userChildren = sqliteTable(
  "user_children",
  {
    parentUserId: integer("parent_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    childUserId: integer("child_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.parentUserId, t.childUserId] }),
    index("user_children_child_idx").on(t.childUserId),
  ],
);

export const parents = sqliteTable(
  "parents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    // The parent's own email; when empty the contact's email is used.
    email: text("email"),
    // The id in the school's previous system (an Odoo/OpenEduCat external id
    // or the school's own), matched when a CSV file is imported again.
    externalId: text("external_id"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Several parents may share one portal account, so this is not unique.
    userId: integer("user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("parents_contact_unique").on(t.contactId),
    index("parents_user_idx").on(t.userId),
    uniqueIndex("parents_external_id_unique").on(t.externalId),
  ],
);

export const students = sqliteTable(
  "students",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    email: text("email"),
    birthDate: text("birth_date"), // ISO date, YYYY-MM-DD
    // The id in the school's previous system; see parents.externalId.
    externalId: text("external_id"),
    userId: integer("user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("students_user_unique").on(t.userId),
    uniqueIndex("students_external_id_unique").on(t.externalId),
  ],
);

export const relationships = [
  "father",
  "mother",
  "guardian",
  "grandparent",
  "sibling",
  "other",
] as const;
export type Relationship = (typeof relationships)[number];

export const parentStudents = sqliteTable(
  "parent_students",
  {
    parentId: integer("parent_id")
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    studentId: integer("student_id")
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    relationship: text("relationship", { enum: relationships }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.parentId, t.studentId] }),
    index("parent_students_student_idx").on(t.studentId),
  ],
);

export const courses = sqliteTable(
  "courses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("courses_code_unique").on(t.code)],
);

export const enrolments = sqliteTable(
  "enrolments",
  {
    studentId: integer("student_id")
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    startDate: text("start_date"), // ISO date, YYYY-MM-DD
    batch: text("batch"), // e.g. "2026–27 Group A"
  },
  (t) => [
    primaryKey({ columns: [t.studentId, t.courseId] }),
    index("enrolments_course_idx").on(t.courseId),
  ],
);

export const tokenPurposes = ["invitation", "password_reset"] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // SHA-256 of the token in hex; the token itself is only ever in the link.
    tokenHash: text("token_hash").notNull(),
    purpose: text("purpose", { enum: tokenPurposes }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    // Set when a newer link for the same user replaces this one.
    voidedAt: integer("voided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("password_tokens_hash_unique").on(t.tokenHash),
    index("password_tokens_user_idx").on(t.userId),
  ],
);

export const emailStatuses = ["queued", "sending", "sent", "failed"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    // The user the email is about, so forms can show its delivery status.
    userId: integer("user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    status: text("status", { enum: emailStatuses }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    // "resend" or "local" (captured in the database, readable under /admin/emails).
    transport: text("transport"),
    providerId: text("provider_id"),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    // A row stuck in "sending" past this time (the server died) is picked up again.
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_user_idx").on(t.userId),
  ],
);

// ---------------------------------------------------------------------------
// School life shown in the portal: subjects, attendance, exams, fees and
// notifications. Calendar dates are ISO strings (YYYY-MM-DD) in the school's
// time zone (SCHOOL_TIME_ZONE), so they never shift with a reader's zone.
// Money is an integer amount of minor units (cents) in SCHOOL_CURRENCY.

export const subjects = sqliteTable(
  "subjects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    teacherName: text("teacher_name"),
  },
  (t) => [uniqueIndex("subjects_course_name_unique").on(t.courseId, t.name)],
);

export const attendanceStatuses = ["present", "absent", "late", "excused"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    studentId: integer("student_id")
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    date: text("date").notNull(), // school-local YYYY-MM-DD
    status: text("status", { enum: attendanceStatuses }).notNull(),
    remark: text("remark"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("attendance_student_course_date_unique").on(t.studentId, t.courseId, t.date),
    index("attendance_course_date_idx").on(t.courseId, t.date),
  ],
);

export const exams = sqliteTable(
  "exams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    date: text("date").notNull(), // school-local YYYY-MM-DD
    term: text("term").notNull(),
  },
  (t) => [index("exams_course_idx").on(t.courseId)],
);

export const results = sqliteTable(
  "results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    examId: integer("exam_id")
      .notNull()
      .references(() => exams.id, { onDelete: "cascade" }),
    studentId: integer("student_id")
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    subjectId: integer("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    marks: integer("marks").notNull(),
    maxMarks: integer("max_marks").notNull(),
    recordedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("results_exam_student_subject_unique").on(t.examId, t.studentId, t.subjectId),
    index("results_student_idx").on(t.studentId),
  ],
);

export const fees = sqliteTable(
  "fees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    studentId: integer("student_id")
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    term: text("term").notNull(),
    description: text("description").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    dueDate: text("due_date").notNull(), // school-local YYYY-MM-DD
    // Set once the "fee overdue" notification has been raised for this fee.
    overdueNotifiedAt: integer("overdue_notified_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("fees_student_idx").on(t.studentId),
    // The overdue scan of the worker reads only fees not yet notified.
    index("fees_overdue_pending_idx")
      .on(t.dueDate)
      .where(sql`${t.overdueNotifiedAt} IS NULL`),
  ],
);

export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    feeId: integer("fee_id")
      .notNull()
      .references(() => fees.id, { onDelete: "cascade" }),
    amountMinor: integer("amount_minor").notNull(),
    paidOn: text("paid_on").notNull(), // school-local YYYY-MM-DD
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("payments_fee_idx").on(t.feeId)],
);

export const announcementScopes = ["school", "course", "student"] as const;
export type AnnouncementScope = (typeof announcementScopes)[number];

export const announcements = sqliteTable("announcements", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  scope: text("scope", { enum: announcementScopes }).notNull(),
  courseId: integer("course_id").references(() => courses.id, { onDelete: "cascade" }),
  studentId: integer("student_id").references(() => students.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  body: text("body").notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const notificationKinds = ["announcement", "absence", "result", "fee_overdue"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** One notification for one portal user (a parent, or a student about themselves). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The student it is about; null for a school-wide announcement.
    studentId: integer("student_id").references(() => students.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // A path on this site, such as /portal/students/3/attendance.
    link: text("link"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    // Set when an immediate email or a digest covering it was queued.
    emailedAt: integer("emailed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_user_unread_idx").on(t.userId, t.readAt),
    // The email pass of the worker reads only notifications not yet emailed.
    index("notifications_unemailed_idx")
      .on(t.userId, t.id)
      .where(sql`${t.emailedAt} IS NULL`),
  ],
);

export const emailModes = ["immediate", "daily", "off"] as const;
export type EmailMode = (typeof emailModes)[number];

export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    emailMode: text("email_mode", { enum: emailModes }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * "account" and "address" count failed logins; the others count requests for
 * password-reset emails and invitation resends, per target login and per
 * client address.
 */
export const loginAttemptKinds = [
  "account",
  "address",
  "reset_account",
  "reset_address",
  "invite_account",
  "invite_address",
] as const;
export type LoginAttemptKind = (typeof loginAttemptKinds)[number];

/**
 * Failed logins counted in fixed windows, per normalised login ("account") or
 * per client IP address ("address"), read by lib/auth/throttle.ts.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    kind: text("kind", { enum: loginAttemptKinds }).notNull(),
    key: text("key").notNull(),
    windowStart: integer("window_start", { mode: "timestamp_ms" }).notNull(),
    failures: integer("failures").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);

// ---------------------------------------------------------------------------
// Audit trail, bulk jobs and CSV imports.

/**
 * One change to accounts or access. The subject columns contain plain ids, not
 * foreign keys, so the history outlives the records it describes. The names
 * at the time of the change are kept in the summary.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    createdAt: createdAt(),
    // Null when the change was made by the system (the mail worker, a sync).
    actorUserId: integer("actor_user_id"),
    actorName: text("actor_name").notNull(),
    // A dotted name such as "user.created"; see lib/audit.
    action: text("action").notNull(),
    userId: integer("user_id"),
    parentId: integer("parent_id"),
    studentId: integer("student_id"),
    summary: text("summary").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [
    index("audit_events_user_idx").on(t.userId, t.id),
    index("audit_events_parent_idx").on(t.parentId, t.id),
    index("audit_events_student_idx").on(t.studentId, t.id),
    index("audit_events_actor_idx").on(t.actorUserId, t.id),
    index("audit_events_action_idx").on(t.action, t.id),
  ],
);

export const bulkJobKinds = ["create_parent_users", "reinvite_parents"] as const;
export type BulkJobKind = (typeof bulkJobKinds)[number];

export const bulkJobStatuses = ["queued", "running", "done"] as const;
export type BulkJobStatus = (typeof bulkJobStatuses)[number];

/** A manager's request to act on many parents, worked through item by item. */
export const bulkJobs = sqliteTable(
  "bulk_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: bulkJobKinds }).notNull(),
    status: text("status", { enum: bulkJobStatuses }).notNull().default("queued"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    total: integer("total").notNull(),
    processed: integer("processed").notNull().default(0),
    // A running job whose lease has passed (the server died) is taken up again.
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("bulk_jobs_status_idx").on(t.status, t.id)],
);

export const bulkJobItemStatuses = ["pending", "done"] as const;

/** One parent in a bulk job and, once done, what happened to it. */
export const bulkJobItems = sqliteTable(
  "bulk_job_items",
  {
    jobId: integer("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    parentId: integer("parent_id").notNull(),
    status: text("status", { enum: bulkJobItemStatuses }).notNull().default("pending"),
    // For example "created", "skipped_no_email", "skipped_login_exists".
    outcome: text("outcome"),
    // Shown next to the outcome, such as the account that already has the login.
    detail: text("detail"),
    userId: integer("user_id"),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.position] }),
    uniqueIndex("bulk_job_items_parent_unique").on(t.jobId, t.parentId),
    index("bulk_job_items_status_idx").on(t.jobId, t.status, t.position),
  ],
);

export const csvImportKinds = ["students", "parents"] as const;
export type CsvImportKind = (typeof csvImportKinds)[number];

/** An uploaded CSV file, kept between its dry run and the import. */
export const csvImports = sqliteTable("csv_imports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  kind: text("kind", { enum: csvImportKinds }).notNull(),
  fileName: text("file_name").notNull(),
  content: text("content").notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  importedAt: integer("imported_at", { mode: "timestamp_ms" }),
  // Counts and per-row outcomes of the import, once it ran.
  result: text("result", { mode: "json" }),
});
