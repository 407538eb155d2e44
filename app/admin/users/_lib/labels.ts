import type { UserRole } from "@/db/schema";
import type { UserKind, UserState } from "@/lib/users/queries";

export const roleLabels: Record<UserRole, string> = { manager: "Manager", portal: "Portal" };

export const kindLabels: Record<UserKind, string> = {
  parent: "Parent",
  student: "Student",
  staff: "Staff",
};

export const stateLabels: Record<UserState, string> = {
  invited: "Invited",
  active: "Active",
  deactivated: "Deactivated",
};
