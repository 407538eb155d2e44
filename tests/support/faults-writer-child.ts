// Runs runWriterWorkload in its own process against DATABASE_URL, for the
// parallel writers test. WRITER_FIXTURE is the WriterFixture as JSON and
// WRITER_OPTIONS the workload options as JSON. Prints the WriterReport as JSON.

import { openDatabase } from "@/db/client";
import { runWriterWorkload } from "./faults-writers";

const url = process.env.DATABASE_URL;
if (!url || !process.env.WRITER_FIXTURE || !process.env.WRITER_OPTIONS) {
  console.error("faults-writer-child: DATABASE_URL, WRITER_FIXTURE and WRITER_OPTIONS are required.");
  process.exit(2);
}
const db = openDatabase(url);
const report = await runWriterWorkload(
  db,
  JSON.parse(process.env.WRITER_FIXTURE),
  JSON.parse(process.env.WRITER_OPTIONS),
);
db.$client.close();
console.log(JSON.stringify(report));
