import "./load-env";
import { openDatabase } from "@/db/client";
import { DEFAULT_DEMO_PASSWORD, seedDemoSchool } from "@/db/seed";
import { isProductionDeployment } from "@/lib/env";

if (isProductionDeployment()) {
  console.error("Refusing to seed demo data: APP_ENV or VERCEL_ENV is production.");
  process.exit(1);
}

const url = process.env.DATABASE_URL || "file:data/app.db";
const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const db = openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
const logins = await seedDemoSchool(db, password);
db.$client.close();

if (logins === null) {
  console.log("The database already has users; demo data was not added.");
} else {
  console.log("Seeded the demo school. Demo logins (password for each: " +
    (process.env.DEMO_PASSWORD ? "the value of DEMO_PASSWORD" : DEFAULT_DEMO_PASSWORD) + "):");
  for (const { role, login, note } of logins) {
    console.log(`  ${role.padEnd(8)} ${login.padEnd(28)} ${note}`);
  }
  console.log(
    "The generated families log in as firstname.lastname<n>@example.com with the same password;\n" +
      "find their logins under /admin/parents and /admin/students.",
  );
}
