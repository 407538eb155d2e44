// Unit tests never reach a real mail API or deployment: variables from the
// developer's shell that would change that are removed before each test file.
// A test that needs one of them sets it itself and restores it afterwards.
for (const name of [
  "RESEND_API_KEY",
  "RESEND_BASE_URL",
  "EMAIL_FROM",
  "DATABASE_URL",
  "DATABASE_AUTH_TOKEN",
  "APP_ENV",
  "VERCEL_ENV",
]) {
  delete process.env[name];
}
