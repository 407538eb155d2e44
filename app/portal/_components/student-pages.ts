/** The pages of one student in the portal, in tab order; "" is the profile. */
export const STUDENT_PAGES = [
  { segment: "", label: "Profile" },
  { segment: "attendance", label: "Attendance" },
  { segment: "grades", label: "Grades" },
  { segment: "fees", label: "Fees" },
] as const;

const STUDENT_PATH = /^\/portal\/students\/[^/]+(?:\/([^/]+))?/;

/** Returns the page segment after /portal/students/[id], such as "fees", or "" for the profile. */
export function studentPageSegment(pathname: string): string {
  return STUDENT_PATH.exec(pathname)?.[1] ?? "";
}

/** Returns the path of one page of a student, such as /portal/students/7/fees. */
export function studentPagePath(studentId: number, segment: string): string {
  return segment ? `/portal/students/${studentId}/${segment}` : `/portal/students/${studentId}`;
}
