// Names and limits shared by the attendance form in the browser and its
// server-side schema. This module imports nothing, so the client bundle stays small.

export const REMARK_MAX = 500;

/** Returns the name of a student's status field in the attendance form. */
export const statusFieldName = (studentId: number) => `status-${studentId}`;

/** Returns the name of a student's remark field in the attendance form. */
export const remarkFieldName = (studentId: number) => `remark-${studentId}`;
