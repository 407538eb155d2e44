import fc from "fast-check";
import { hostileText, looksLikeRecordId } from "./fuzz-values";

// The fuzz cases of every server action: the session it needs, the page
// whose form posts to it and a generator of that form's fields. The e2e fuzz
// run sends them over HTTP and the unit property tests call the actions.

// An id no seeded or generated record reaches.
export const MISSING_ID = "987654321";

/** Ids of the records the fuzz cases may point at. */
export type FuzzIds = {
  parentId: string;
  studentId: string;
  feeId: string;
  courseId: string;
  examId: string;
  subjectId: string;
  notificationId: string;
};

export type FieldValue = string | string[] | { file: string };
export type FuzzForm = Record<string, FieldValue>;
export type SessionName = "manager" | "parent" | "anonymous";

export type FuzzEntry = {
  session: SessionName;
  /** The page whose form posts to the action. */
  path: (ids: FuzzIds) => string;
  /** Generates the form fields, keyed by the names the page's form uses. */
  form: (ids: FuzzIds) => fc.Arbitrary<FuzzForm>;
  /** False for an action that always redirects and so returns no result. */
  returnsResult?: boolean;
};

/** A hostile value that is never read as the id of a seeded record. */
const hostileId = hostileText.filter((value) => !looksLikeRecordId(value));

/** Generates a hostile value or one of `valid`, so some cases get past the first check. */
function text(...valid: string[]): fc.Arbitrary<FieldValue> {
  const choices: fc.Arbitrary<FieldValue>[] = [hostileText];
  if (valid.length > 0) choices.push(fc.constantFrom(...valid));
  // A file where a text field is expected, which a crafted request can send.
  choices.push(fc.constant({ file: "x" }));
  return fc.oneof(...choices);
}

/** Generates a hostile id, the id of a missing record, or one of `valid`. */
function id(...valid: string[]): fc.Arbitrary<FieldValue> {
  return fc.oneof(hostileId, fc.constantFrom(MISSING_ID, ...valid), fc.constant<FieldValue>([MISSING_ID, "x"]));
}

/** Builds a form arbitrary where each field may also be left out. */
function fields(shape: Record<string, fc.Arbitrary<FieldValue>>): fc.Arbitrary<FuzzForm> {
  const optional = Object.fromEntries(
    Object.entries(shape).map(([name, value]) => [name, fc.option(value, { nil: undefined, freq: 6 })]),
  );
  return fc.record(optional).map(
    (form) => Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as FuzzForm,
  );
}

const parentFields = {
  name: text("Fuzz Parent"),
  email: text("", "fuzz.parent@example.com"),
  contactEmail: text(""),
  phone: text("", "+44 20 7946 0000"),
  active: text("on"),
};

const studentFields = {
  name: text("Fuzz Student"),
  email: text(""),
  birthDate: text("", "2014-05-31"),
  active: text("on"),
};

export const today = new Date().toISOString().slice(0, 10);

/**
 * One entry per server action, keyed by "<file>#<export>" as in
 * .next/server/server-reference-manifest.json. The ids point only at the
 * records the fuzz run creates, or at missing records, so accepted inputs change
 * nothing that other specs read.
 */
export const FUZZ_TABLE: Record<string, FuzzEntry> = {
  "app/admin/announcements/actions.ts#postAnnouncementAction": {
    session: "manager",
    path: () => "/admin/announcements",
    // No "school" scope and no real course: those would notify every family.
    form: (ids) =>
      fields({
        scope: text("student", "course"),
        courseId: id(),
        studentId: id(ids.studentId),
        title: text("Fuzz title"),
        body: text("Fuzz body"),
      }),
  },
  "app/admin/attendance/actions.ts#saveAttendanceAction": {
    session: "manager",
    path: () => "/admin/attendance",
    // The fuzz student is enrolled in no course, so no attendance is saved.
    form: (ids) =>
      fields({
        courseId: id(ids.courseId),
        date: text(today, "2027-02-31"),
        "studentIds[]": fc.oneof(id(ids.studentId), fc.array(hostileId, { maxLength: 3 })),
        [`status-${ids.studentId}`]: text("absent", "late"),
        [`remark-${ids.studentId}`]: text("Fuzz remark"),
      }),
  },
  "app/admin/fees/actions.ts#createFeeAction": {
    session: "manager",
    path: () => "/admin/fees",
    form: (ids) =>
      fields({
        studentId: id(ids.studentId),
        term: text("Autumn 2026"),
        description: text("Fuzz fee"),
        amount: text("12.50", "0.01"),
        dueDate: text(today),
      }),
  },
  "app/admin/import/actions.ts#applyImportAction": {
    session: "manager",
    path: () => "/admin/import",
    form: () => fields({ importId: id(), fingerprint: text("0".repeat(64)) }),
  },
  "app/admin/import/actions.ts#uploadImportFileAction": {
    session: "manager",
    path: () => "/admin/import",
    // A stored upload writes no school record; its dry run only reads.
    form: () =>
      fields({
        kind: text("parents", "students"),
        file: fc.oneof(text(), fc.constant<FieldValue>({ file: "external_id,name\r\nfuzz-1,<b>Fuzz</b>\r\n" })),
      }),
  },
  "app/admin/invitations/actions.ts#reinviteParentsAction": {
    session: "manager",
    path: () => "/admin/invitations",
    // Never scope "all", which would re-invite every seeded parent still invited.
    form: () => fields({ scope: text("selected"), "userIds[]": id(), state: text("", "failed"), q: text("") }),
  },
  "app/admin/jobs/actions.ts#startCreateParentUsersAction": {
    session: "manager",
    path: () => "/admin/parents",
    // Never scope "filter", which would create users for every matching parent.
    form: () => fields({ scope: text("selected"), "parentIds[]": id(), q: text("") }),
  },
  "app/admin/fees/actions.ts#recordPaymentAction": {
    session: "manager",
    path: (ids) => `/admin/fees/${ids.feeId}`,
    form: (ids) =>
      fields({ feeId: id(ids.feeId), amount: text("0.01", "99999999"), paidOn: text(today, "1999-01-01") }),
  },
  "app/admin/parents/actions.ts#createParentAction": {
    session: "manager",
    path: () => "/admin/parents/new",
    form: () => fields(parentFields),
  },
  "app/admin/parents/actions.ts#updateParentAction": {
    session: "manager",
    path: (ids) => `/admin/parents/${ids.parentId}`,
    form: (ids) => fields({ ...parentFields, parentId: id(ids.parentId) }),
  },
  "app/admin/parents/actions.ts#createParentUserAction": {
    session: "manager",
    path: (ids) => `/admin/parents/${ids.parentId}`,
    // The fuzz parent has no email, so no user is created for it.
    form: (ids) => fields({ parentId: id(ids.parentId), shareUserId: id() }),
  },
  "app/admin/parents/actions.ts#resendParentInvitationAction": {
    session: "manager",
    path: (ids) => `/admin/parents/${ids.parentId}`,
    form: (ids) => fields({ parentId: id(ids.parentId) }),
  },
  "app/admin/parents/actions.ts#linkStudentAction": {
    session: "manager",
    path: (ids) => `/admin/parents/${ids.parentId}`,
    form: (ids) =>
      fields({ parentId: id(ids.parentId), studentId: id(ids.studentId), relationship: text("guardian") }),
  },
  "app/admin/parents/actions.ts#unlinkStudentAction": {
    session: "manager",
    path: (ids) => `/admin/parents/${ids.parentId}`,
    form: (ids) => fields({ parentId: id(ids.parentId), studentId: id(ids.studentId) }),
  },
  "app/admin/results/actions.ts#createExamAction": {
    session: "manager",
    path: () => "/admin/results",
    form: () =>
      fields({ courseId: id(), examName: text("Fuzz exam"), date: text(today), term: text("Autumn 2026") }),
  },
  "app/admin/results/actions.ts#createSubjectAction": {
    session: "manager",
    path: () => "/admin/results",
    form: () => fields({ courseId: id(), subjectName: text("Fuzz subject"), teacherName: text("Ms Fuzz") }),
  },
  "app/admin/results/actions.ts#saveResultsAction": {
    session: "manager",
    path: (ids) => `/admin/results/${ids.examId}`,
    // The fuzz student is not enrolled in the exam's course, so no marks are saved.
    form: (ids) =>
      fields({
        examId: id(ids.examId),
        maxMarks: text("100", "0"),
        [`marks-${ids.studentId}-${ids.subjectId}`]: text("50", "101"),
        [`loaded-${ids.studentId}-${ids.subjectId}`]: text("", "40/100"),
      }),
  },
  "app/admin/students/actions.ts#createStudentAction": {
    session: "manager",
    path: () => "/admin/students/new",
    form: () => fields(studentFields),
  },
  "app/admin/students/actions.ts#updateStudentAction": {
    session: "manager",
    path: (ids) => `/admin/students/${ids.studentId}`,
    form: (ids) => fields({ ...studentFields, studentId: id(ids.studentId) }),
  },
  "app/admin/students/actions.ts#setStudentsActiveAction": {
    session: "manager",
    path: () => "/admin/students",
    form: (ids) => fields({ "studentIds[]": id(ids.studentId), intent: text("restore") }),
  },
  "app/admin/students/actions.ts#createStudentUserAction": {
    session: "manager",
    path: (ids) => `/admin/students/${ids.studentId}`,
    // The fuzz student has no email, so no user is created for it.
    form: (ids) => fields({ studentId: id(ids.studentId) }),
  },
  "app/admin/students/actions.ts#removeStudentUserAction": {
    session: "manager",
    path: (ids) => `/admin/students/${ids.studentId}`,
    form: (ids) => fields({ studentId: id(ids.studentId) }),
  },
  "app/admin/students/actions.ts#resendStudentInvitationAction": {
    session: "manager",
    path: (ids) => `/admin/students/${ids.studentId}`,
    form: (ids) => fields({ studentId: id(ids.studentId) }),
  },
  "app/admin/students/actions.ts#addParentToStudentAction": {
    session: "manager",
    path: (ids) => `/admin/students/${ids.studentId}`,
    form: (ids) =>
      fields({ studentId: id(ids.studentId), parentId: id(ids.parentId), relationship: text("mother") }),
  },
  "app/admin/students/actions.ts#removeParentFromStudentAction": {
    session: "manager",
    path: (ids) => `/admin/students/${ids.studentId}`,
    form: (ids) => fields({ studentId: id(ids.studentId), parentId: id(ids.parentId) }),
  },
  // The user actions get only missing ids: a real one would end a seeded user's sessions.
  "app/admin/users/actions.ts#deactivateUserAction": {
    session: "manager",
    path: () => "/admin/users",
    form: () => fields({ userId: id() }),
  },
  "app/admin/users/actions.ts#reactivateUserAction": {
    session: "manager",
    path: () => "/admin/users",
    form: () => fields({ userId: id() }),
  },
  "app/admin/users/actions.ts#resendUserInvitationAction": {
    session: "manager",
    path: () => "/admin/users",
    form: () => fields({ userId: id() }),
  },
  "app/admin/users/actions.ts#sendPasswordResetAction": {
    session: "manager",
    path: () => "/admin/users",
    form: () => fields({ userId: id() }),
  },
  "app/login/actions.ts#logIn": {
    session: "anonymous",
    path: () => "/login",
    form: () => fields({ email: text("nobody.fuzz@example.com"), password: text("wrong"), callbackUrl: text("/portal") }),
  },
  "app/login/actions.ts#logOut": {
    session: "anonymous",
    path: () => "/login",
    form: () => fields({ junk: text() }),
    returnsResult: false,
  },
  "app/forgot-password/actions.ts#requestReset": {
    session: "anonymous",
    path: () => "/forgot-password",
    form: () => fields({ email: text("nobody.fuzz@example.com") }),
  },
  "app/set-password/actions.ts#setPassword": {
    session: "anonymous",
    path: () => "/set-password",
    form: () =>
      fields({ token: text("not-a-token"), password: text("long enough password"), confirmPassword: text() }),
  },
  "app/portal/notifications/actions.ts#markNotificationReadAction": {
    session: "parent",
    path: () => "/portal/notifications",
    form: (ids) => fields({ notificationId: id(ids.notificationId) }),
  },
  "app/portal/notifications/actions.ts#markAllNotificationsReadAction": {
    session: "parent",
    path: () => "/portal/notifications",
    form: () => fields({ junk: text() }),
  },
  "app/portal/settings/notifications/actions.ts#saveEmailPreferencesAction": {
    session: "parent",
    path: () => "/portal/settings/notifications",
    form: () =>
      fields({
        announcement: text("immediate", "digest", "off"),
        absence: text("immediate"),
        result: text("off"),
        fee_overdue: text("digest"),
      }),
  },
};


/** Zod's built-in messages, which name neither the field nor the fix. */
export const ZOD_DEFAULT_MESSAGE = /^Invalid input|^Invalid option|^Too (big|small)|expected \w+, received/;

/** Returns the form message and every field error of an action result. */
export function collectMessages(result: Record<string, unknown> | null): string[] {
  if (!result) return [];
  const messages = typeof result.message === "string" ? [result.message] : [];
  const fieldErrors = result.fieldErrors;
  if (fieldErrors && typeof fieldErrors === "object") {
    for (const errors of Object.values(fieldErrors)) {
      if (Array.isArray(errors)) messages.push(...errors.map(String));
    }
  }
  return messages;
}

