// Generated records of the demo school: families, attendance, results and
// fees. Every function here is pure and draws from a seeded PRNG, so the same
// school date always yields the same rows.

import type { AttendanceStatus, Relationship } from "./schema";

export type Random = {
  /** A number in [0, 1). */
  next(): number;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
};

/** Creates a mulberry32 generator: fast, 32-bit state, and the same sequence for the same seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
  };
}

/** Adds whole days to a YYYY-MM-DD date, in calendar arithmetic (UTC, no zone shift). */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Returns the weekdays (Monday to Friday) from `first` up to the day before `end`. */
export function schoolDaysBetween(first: string, end: string): string[] {
  const days: string[] = [];
  for (let date = first; date < end; date = addDays(date, 1)) {
    const [year, month, day] = date.split("-").map(Number);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday >= 1 && weekday <= 5) days.push(date);
  }
  return days;
}

export const TERM_START = "2026-09-01";
export const AUTUMN_TERM = "Autumn 2026";
export const SPRING_TERM = "Spring 2027";

/** Courses added to the three of the original demo, so that year 5 has a full timetable. */
export const EXTRA_COURSES = [
  { code: "MATH-5", name: "Mathematics 5" },
  { code: "ENG-5", name: "English Language 5" },
] as const;

/** Year group of a generated student and the course codes it is enrolled in. */
export const COURSES_BY_YEAR = {
  5: ["MATH-5", "ENG-5", "SCI-5"],
  7: ["MATH-7", "ENG-7"],
} as const;
export type YearGroup = keyof typeof COURSES_BY_YEAR;

export const SUBJECTS_BY_COURSE: Record<string, { name: string; teacherName: string }[]> = {
  "MATH-7": [
    { name: "Algebra", teacherName: "Daniel Okafor" },
    { name: "Geometry", teacherName: "Priya Shah" },
  ],
  "ENG-7": [
    { name: "Reading", teacherName: "Helen Carter" },
    { name: "Writing", teacherName: "Helen Carter" },
  ],
  "SCI-5": [
    { name: "Biology", teacherName: "Samuel Reid" },
    { name: "Chemistry", teacherName: "Samuel Reid" },
    { name: "Physics", teacherName: "Aisha Khan" },
  ],
  "MATH-5": [
    { name: "Number", teacherName: "Grace Liu" },
    { name: "Measurement", teacherName: "Grace Liu" },
  ],
  "ENG-5": [
    { name: "Reading", teacherName: "Owen Price" },
    { name: "Spelling and grammar", teacherName: "Owen Price" },
  ],
};

export const BATCHES = ["2026–27 Group A", "2026–27 Group B"] as const;

export const DEMO_EXAMS = [
  { name: "Mid-term exam", date: "2026-10-15", term: AUTUMN_TERM },
  { name: "End-of-term exam", date: "2026-12-01", term: AUTUMN_TERM },
] as const;

export const MAX_MARKS = 100;

export const FEE_PLANS = {
  autumn: {
    term: AUTUMN_TERM,
    description: "Autumn term tuition",
    amountMinor: 125_000,
    dueDate: "2026-09-15",
  },
  trip: {
    term: AUTUMN_TERM,
    description: "Science museum trip",
    amountMinor: 2_500,
    dueDate: "2026-11-15",
  },
  spring: {
    term: SPRING_TERM,
    description: "Spring term tuition",
    amountMinor: 125_000,
    dueDate: "2027-01-10",
  },
} as const;
export type FeePlanKey = keyof typeof FEE_PLANS;

// Surnames of the fixed demo families (Smith, Brown, Jones) are left out, so
// every generated full name differs from theirs.
const FEMALE_NAMES = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Lily", "Sophia", "Ella",
  "Evie", "Poppy", "Chloe", "Ruby", "Zara", "Hannah", "Maya", "Nora", "Aisha", "Leah",
  "Sara", "Emily", "Alice", "Esme", "Ivy", "Rosa", "Layla", "Niamh", "Priya", "Chiara",
] as const;
const MALE_NAMES = [
  "Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Jacob", "Ethan", "Samuel",
  "Adam", "Isaac", "Theo", "Yusuf", "Finley", "Rory", "Daniel", "Max", "Ravi", "Luca",
  "Callum", "Owen", "Felix", "Kai", "Hugo", "Ibrahim", "Mateo", "Ciaran", "Dev", "Joseph",
] as const;
const SURNAMES = [
  "Patel", "Williams", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Khan",
  "Walker", "Wright", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood",
  "Harris", "Martin", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Ward",
  "Morris", "King", "Watson", "Baker", "Harrison", "Morgan", "Ali", "Murphy", "Nowak",
  "Rossi", "Okoro", "Chen", "Singh",
] as const;

export type GeneratedParent = {
  firstName: string;
  lastName: string;
  relationship: Relationship;
  hasUser: boolean;
};

export type GeneratedChild = {
  firstName: string;
  lastName: string;
  birthDate: string;
  yearGroup: YearGroup;
  hasUser: boolean;
};

export type GeneratedFamily = { parents: GeneratedParent[]; children: GeneratedChild[] };

function birthDateIn(random: Random, yearGroup: YearGroup): string {
  // A UK school year group spans births from 1 September to 31 August, so the
  // year 7 pupils of 2026–27 were born from September 2013 to August 2014.
  const firstDay = yearGroup === 7 ? "2013-09-01" : "2015-09-01";
  return addDays(firstDay, random.int(0, 364));
}

/**
 * Generates families until they contain `studentCount` children. Most
 * families have two parents and one child, and one in ten adds a grandparent
 * or guardian. About nine in ten parents and children get a portal user.
 */
export function generateFamilies(random: Random, studentCount: number): GeneratedFamily[] {
  const families: GeneratedFamily[] = [];
  const usedNames = new Set<string>();
  const uniqueFirstName = (names: readonly string[], lastName: string) => {
    let firstName = random.pick(names);
    while (usedNames.has(`${firstName} ${lastName}`)) firstName = random.pick(names);
    usedNames.add(`${firstName} ${lastName}`);
    return firstName;
  };
  let children = 0;
  while (children < studentCount) {
    const lastName = random.pick(SURNAMES);
    const parents: GeneratedParent[] = [];
    const parentRoll = random.next();
    if (parentRoll < 0.8) {
      parents.push(
        { firstName: uniqueFirstName(FEMALE_NAMES, lastName), lastName, relationship: "mother", hasUser: false },
        { firstName: uniqueFirstName(MALE_NAMES, lastName), lastName, relationship: "father", hasUser: false },
      );
    } else {
      const mother = random.chance(0.6);
      parents.push({
        firstName: uniqueFirstName(mother ? FEMALE_NAMES : MALE_NAMES, lastName),
        lastName,
        relationship: mother ? "mother" : "father",
        hasUser: false,
      });
    }
    if (random.chance(0.1)) {
      const otherLastName = random.pick(SURNAMES);
      parents.push({
        firstName: uniqueFirstName(random.chance(0.5) ? FEMALE_NAMES : MALE_NAMES, otherLastName),
        lastName: otherLastName,
        relationship: random.chance(0.5) ? "grandparent" : "guardian",
        hasUser: false,
      });
    }
    for (const parent of parents) parent.hasUser = random.chance(0.9);

    const childRoll = random.next();
    let childCount = 3;
    if (childRoll < 0.7) childCount = 1;
    else if (childRoll < 0.95) childCount = 2;
    childCount = Math.min(childCount, studentCount - children);
    const family: GeneratedFamily = { parents, children: [] };
    for (let i = 0; i < childCount; i += 1) {
      const yearGroup: YearGroup = random.chance(0.5) ? 7 : 5;
      family.children.push({
        firstName: uniqueFirstName(random.chance(0.5) ? FEMALE_NAMES : MALE_NAMES, lastName),
        lastName,
        birthDate: birthDateIn(random, yearGroup),
        yearGroup,
        hasUser: random.chance(0.9),
      });
    }
    children += childCount;
    families.push(family);
  }
  return families;
}

export type AttendanceRow = {
  studentId: number;
  courseId: number;
  date: string;
  status: AttendanceStatus;
  remark: string | null;
};

const ABSENT_REMARKS = ["Unwell, parent phoned in", "No reason given", "Unwell", null] as const;
const EXCUSED_REMARKS = ["Medical appointment", "Dental appointment", "Music exam (authorised)"] as const;
const LATE_REMARKS = ["Arrived 10 minutes late", "Bus delayed", "Arrived after registration"] as const;

/**
 * Generates one attendance row per enrolment and school day. A student who is
 * absent or excused misses every course that day, but lateness is per course.
 * `fixed` sets the status of all of a student's courses on a given date.
 */
export function generateAttendance(
  random: Random,
  coursesByStudent: Map<number, number[]>,
  days: string[],
  fixed: { studentId: number; date: string; status: AttendanceStatus; remark: string | null }[] = [],
): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  for (const [studentId, courseIds] of coursesByStudent) {
    const absentRate = 0.01 + random.next() * 0.04;
    const lateRate = 0.01 + random.next() * 0.04;
    for (const date of days) {
      const override = fixed.find((entry) => entry.studentId === studentId && entry.date === date);
      const roll = random.next();
      let day: { status: AttendanceStatus; remark: string | null } | null = override ?? null;
      if (!day && roll < absentRate) day = { status: "absent", remark: random.pick(ABSENT_REMARKS) };
      else if (!day && roll < absentRate + 0.015) {
        day = { status: "excused", remark: random.pick(EXCUSED_REMARKS) };
      }
      for (const courseId of courseIds) {
        const late = !day && random.chance(lateRate);
        const { status, remark } = day ?? {
          status: late ? "late" : "present",
          remark: late ? random.pick(LATE_REMARKS) : null,
        };
        rows.push({ studentId, courseId, date, status, remark });
      }
    }
  }
  return rows;
}

/** Generates marks out of MAX_MARKS around an ability level from 40 to 92 per student. */
export function generateMarks(random: Random, studentIds: number[]): (studentId: number) => number {
  const ability = new Map(studentIds.map((id) => [id, random.int(40, 92)]));
  return (studentId) => {
    const marks = (ability.get(studentId) ?? 60) + random.int(-12, 12);
    return Math.max(0, Math.min(MAX_MARKS, marks));
  };
}

export type FeeOutcome = "paid" | "partly paid" | "unpaid";

export type PlannedFee = {
  studentId: number;
  plan: FeePlanKey;
  /** Payments to record, each with a school-local date. */
  payments: { amountMinor: number; paidOn: string }[];
};

function paymentsFor(random: Random, plan: FeePlanKey, outcome: FeeOutcome) {
  const { amountMinor, dueDate } = FEE_PLANS[plan];
  if (outcome === "unpaid") return [];
  const paidOn = addDays(dueDate, -random.int(1, 20));
  if (outcome === "paid") return [{ amountMinor, paidOn }];
  return [{ amountMinor: Math.round(amountMinor / 2), paidOn }];
}

function outcomeFor(random: Random, plan: FeePlanKey): FeeOutcome {
  const roll = random.next();
  if (plan === "autumn") {
    if (roll < 0.9) return "paid";
    return roll < 0.95 ? "partly paid" : "unpaid";
  }
  if (plan === "trip") return roll < 0.7 ? "paid" : "unpaid";
  return roll < 0.15 ? "paid" : "unpaid";
}

/**
 * Plans the three fees of each student with their payments. Payments dated
 * on or after `today` are dropped, so a seed run early in the term records
 * none from the future. `fixed` chooses the outcome of some fees.
 */
export function planFees(
  random: Random,
  studentIds: number[],
  today: string,
  fixed: { studentId: number; plan: FeePlanKey; outcome: FeeOutcome }[] = [],
): PlannedFee[] {
  const fees: PlannedFee[] = [];
  for (const studentId of studentIds) {
    for (const plan of Object.keys(FEE_PLANS) as FeePlanKey[]) {
      const drawn = outcomeFor(random, plan);
      const override = fixed.find((entry) => entry.studentId === studentId && entry.plan === plan);
      const payments = paymentsFor(random, plan, override?.outcome ?? drawn);
      fees.push({ studentId, plan, payments: payments.filter((payment) => payment.paidOn < today) });
    }
  }
  return fees;
}
