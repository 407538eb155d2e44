// The expected response of every page, route handler and server action for each
// kind of visitor. tests/e2e/access-matrix.spec.ts checks that this table names
// exactly what tests/support/app-inventory.ts finds in the app, then requests
// every cell against the built server.

export const ROLES = ["anonymous", "parentA", "parentB", "student", "deactivated", "manager"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Values that the spec reads from the seeded database before the run, used in
 * place of `{name}` in a row's path. childA is Tom Brown (a child of parent A,
 * Linda Brown), childB a child of parent B, ownStudent the student user's own
 * record (John Smith), missingId an id that no row has.
 */
export type FixtureName =
  | "childA"
  | "childB"
  | "ownStudent"
  | "missingId"
  | "parentAId"
  | "parentAUserId"
  | "feeOfChildA"
  | "examId"
  | "emailId";

/**
 * "200" and "404" are statuses. "→/path" is a redirect whose Location path
 * starts with /path.
 */
export type Expected = "200" | "404" | `→/${string}`;

export type RouteRow = {
  /** The URL pattern as app-inventory.ts prints it, for example /admin/fees/[id]. */
  pattern: string;
  /** The path requested, with `{fixture}` placeholders for dynamic segments. */
  path: string;
  expect: Record<Role, Expected>;
};

/**
 * "answered": the action ran and returned its result or a redirect.
 * "rejected": no result other than a session message, and no write.
 */
export type ActionExpected = "answered" | "rejected";

export type ActionRow = {
  /** `<file>#<export>` as app-inventory.ts prints it. */
  key: string;
  /** Form fields sent with the call; a valid form makes a missed rejection show up as a write. */
  form?: Record<string, string>;
  expect: Record<Role, ActionExpected>;
};

const adminPage: Record<Role, Expected> = {
  anonymous: "→/login",
  parentA: "→/portal",
  parentB: "→/portal",
  student: "→/portal",
  deactivated: "→/login",
  manager: "200",
};

const portalPage: Record<Role, Expected> = {
  anonymous: "→/login",
  parentA: "200",
  parentB: "200",
  student: "200",
  deactivated: "→/login",
  manager: "→/admin",
};

const publicPage: Record<Role, Expected> = {
  anonymous: "200",
  parentA: "200",
  parentB: "200",
  student: "200",
  deactivated: "200",
  manager: "200",
};

/** Returns the expected responses of a page about the student `owner`. */
function childPage(owner: FixtureName): Record<Role, Expected> {
  return {
    anonymous: "→/login",
    parentA: owner === "childA" ? "200" : "404",
    parentB: owner === "childB" ? "200" : "404",
    student: owner === "ownStudent" ? "200" : "404",
    deactivated: "→/login",
    manager: "→/admin",
  };
}

const CHILD_FILLERS: FixtureName[] = ["childA", "childB", "ownStudent", "missingId"];

function childRows(suffix: string): RouteRow[] {
  const pattern = `/portal/students/[id]${suffix}`;
  const rows: RouteRow[] = CHILD_FILLERS.map((owner) => ({
    pattern,
    path: `/portal/students/{${owner}}${suffix}`,
    expect: childPage(owner),
  }));
  // A segment that is not a number reaches no student either.
  rows.push({ pattern, path: `/portal/students/abc${suffix}`, expect: childPage("missingId") });
  return rows;
}

export const ROUTE_ROWS: RouteRow[] = [
  {
    pattern: "/",
    path: "/",
    expect: {
      anonymous: "→/login",
      parentA: "→/portal",
      parentB: "→/portal",
      student: "→/portal",
      deactivated: "→/login",
      manager: "→/admin",
    },
  },
  { pattern: "/admin", path: "/admin", expect: { ...adminPage, manager: "→/admin/parents" } },
  { pattern: "/admin/announcements", path: "/admin/announcements", expect: adminPage },
  { pattern: "/admin/attendance", path: "/admin/attendance", expect: adminPage },
  { pattern: "/admin/audit", path: "/admin/audit", expect: adminPage },
  { pattern: "/admin/audit", path: "/admin/audit?parent={parentAId}", expect: adminPage },
  { pattern: "/admin/emails", path: "/admin/emails", expect: adminPage },
  { pattern: "/admin/emails/[id]", path: "/admin/emails/{emailId}", expect: adminPage },
  { pattern: "/admin/emails/[id]", path: "/admin/emails/{missingId}", expect: { ...adminPage, manager: "404" } },
  { pattern: "/admin/fees", path: "/admin/fees", expect: adminPage },
  { pattern: "/admin/fees/[id]", path: "/admin/fees/{feeOfChildA}", expect: adminPage },
  { pattern: "/admin/import", path: "/admin/import", expect: adminPage },
  { pattern: "/admin/import/template/[kind]", path: "/admin/import/template/parents", expect: adminPage },
  { pattern: "/admin/import/template/[kind]", path: "/admin/import/template/students", expect: adminPage },
  {
    pattern: "/admin/import/template/[kind]",
    path: "/admin/import/template/teachers",
    expect: { ...adminPage, manager: "404" },
  },
  { pattern: "/admin/invitations", path: "/admin/invitations", expect: adminPage },
  { pattern: "/admin/jobs", path: "/admin/jobs", expect: adminPage },
  { pattern: "/admin/jobs/[id]", path: "/admin/jobs/{missingId}", expect: { ...adminPage, manager: "404" } },
  {
    pattern: "/admin/jobs/[id]/progress",
    path: "/admin/jobs/{missingId}/progress",
    expect: { ...adminPage, manager: "404" },
  },
  { pattern: "/admin/parents", path: "/admin/parents", expect: adminPage },
  { pattern: "/admin/parents/[id]", path: "/admin/parents/{parentAId}", expect: adminPage },
  { pattern: "/admin/parents/[id]", path: "/admin/parents/abc", expect: { ...adminPage, manager: "404" } },
  { pattern: "/admin/parents/new", path: "/admin/parents/new", expect: adminPage },
  { pattern: "/admin/results", path: "/admin/results", expect: adminPage },
  { pattern: "/admin/results/[examId]", path: "/admin/results/{examId}", expect: adminPage },
  { pattern: "/admin/students", path: "/admin/students", expect: adminPage },
  { pattern: "/admin/students/[id]", path: "/admin/students/{childA}", expect: adminPage },
  { pattern: "/admin/students/[id]", path: "/admin/students/{missingId}", expect: { ...adminPage, manager: "404" } },
  { pattern: "/admin/students/new", path: "/admin/students/new", expect: adminPage },
  { pattern: "/admin/users", path: "/admin/users", expect: adminPage },
  { pattern: "/admin/users/[id]", path: "/admin/users/{parentAUserId}", expect: adminPage },
  // Auth.js's own endpoints; the session endpoint returns the caller's own session or null.
  { pattern: "/api/auth/[...nextauth]", path: "/api/auth/session", expect: publicPage },
  { pattern: "/api/health", path: "/api/health", expect: publicPage },
  { pattern: "/api/session/access", path: "/api/session/access", expect: publicPage },
  { pattern: "/forgot-password", path: "/forgot-password", expect: publicPage },
  // A signed-in user goes on to their landing page.
  {
    pattern: "/login",
    path: "/login",
    expect: { ...publicPage, parentA: "→/portal", parentB: "→/portal", student: "→/portal", manager: "→/admin" },
  },
  { pattern: "/portal", path: "/portal", expect: { ...portalPage, student: "→/portal/students/" } },
  { pattern: "/portal/notifications", path: "/portal/notifications", expect: portalPage },
  {
    pattern: "/portal/settings",
    path: "/portal/settings",
    expect: {
      ...portalPage,
      parentA: "→/portal/settings/notifications",
      parentB: "→/portal/settings/notifications",
      student: "→/portal/settings/notifications",
    },
  },
  { pattern: "/portal/settings/notifications", path: "/portal/settings/notifications", expect: portalPage },
  ...childRows(""),
  ...childRows("/attendance"),
  ...childRows("/fees"),
  ...childRows("/grades"),
  { pattern: "/set-password", path: "/set-password", expect: publicPage },
  { pattern: "/set-password", path: "/set-password?token=not-a-real-token", expect: publicPage },
];

const managerOnly: Record<Role, ActionExpected> = {
  anonymous: "rejected",
  parentA: "rejected",
  parentB: "rejected",
  student: "rejected",
  deactivated: "rejected",
  manager: "answered",
};

const portalOnly: Record<Role, ActionExpected> = {
  anonymous: "rejected",
  parentA: "answered",
  parentB: "answered",
  student: "answered",
  deactivated: "rejected",
  manager: "rejected",
};

const everyone: Record<Role, ActionExpected> = {
  anonymous: "answered",
  parentA: "answered",
  parentB: "answered",
  student: "answered",
  deactivated: "answered",
  manager: "answered",
};

/** Returns the row of a manager action, called with an empty form unless `form` is given. */
function managerActionRow(key: string, form?: Record<string, string>): ActionRow {
  return { key, form, expect: managerOnly };
}

export const ACTION_ROWS: ActionRow[] = [
  managerActionRow("app/admin/announcements/actions.ts#postAnnouncementAction"),
  managerActionRow("app/admin/attendance/actions.ts#saveAttendanceAction"),
  managerActionRow("app/admin/fees/actions.ts#createFeeAction"),
  managerActionRow("app/admin/import/actions.ts#applyImportAction"),
  managerActionRow("app/admin/import/actions.ts#uploadImportFileAction"),
  managerActionRow("app/admin/invitations/actions.ts#reinviteParentsAction"),
  managerActionRow("app/admin/jobs/actions.ts#startCreateParentUsersAction"),
  managerActionRow("app/admin/fees/actions.ts#recordPaymentAction"),
  // A valid form: only the manager's own call with a same-origin request may add this parent.
  managerActionRow("app/admin/parents/actions.ts#createParentAction", { name: "Matrix Probe Parent" }),
  managerActionRow("app/admin/parents/actions.ts#createParentUserAction"),
  managerActionRow("app/admin/parents/actions.ts#linkStudentAction"),
  managerActionRow("app/admin/parents/actions.ts#resendParentInvitationAction"),
  managerActionRow("app/admin/parents/actions.ts#unlinkStudentAction"),
  managerActionRow("app/admin/parents/actions.ts#updateParentAction"),
  managerActionRow("app/admin/results/actions.ts#createExamAction"),
  managerActionRow("app/admin/results/actions.ts#createSubjectAction"),
  managerActionRow("app/admin/results/actions.ts#saveResultsAction"),
  managerActionRow("app/admin/students/actions.ts#addParentToStudentAction"),
  managerActionRow("app/admin/students/actions.ts#createStudentAction"),
  managerActionRow("app/admin/students/actions.ts#createStudentUserAction"),
  managerActionRow("app/admin/students/actions.ts#removeParentFromStudentAction"),
  managerActionRow("app/admin/students/actions.ts#removeStudentUserAction"),
  managerActionRow("app/admin/students/actions.ts#resendStudentInvitationAction"),
  managerActionRow("app/admin/students/actions.ts#setStudentsActiveAction"),
  managerActionRow("app/admin/students/actions.ts#updateStudentAction"),
  managerActionRow("app/admin/users/actions.ts#deactivateUserAction"),
  managerActionRow("app/admin/users/actions.ts#reactivateUserAction"),
  managerActionRow("app/admin/users/actions.ts#resendUserInvitationAction"),
  managerActionRow("app/admin/users/actions.ts#sendPasswordResetAction"),
  // Public forms return a result to everyone (an empty form gets a validation message).
  { key: "app/forgot-password/actions.ts#requestReset", expect: everyone },
  { key: "app/login/actions.ts#logIn", expect: everyone },
  // Every page with the log-out button is behind the middleware, which sends
  // visitors without a session to /login before the action runs.
  { key: "app/login/actions.ts#logOut", expect: { ...everyone, anonymous: "rejected", deactivated: "rejected" } },
  { key: "app/set-password/actions.ts#setPassword", expect: everyone },
  { key: "app/portal/notifications/actions.ts#markAllNotificationsReadAction", expect: portalOnly },
  { key: "app/portal/notifications/actions.ts#markNotificationReadAction", expect: portalOnly },
  { key: "app/portal/settings/notifications/actions.ts#saveEmailPreferencesAction", expect: portalOnly },
];
