// Runs once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  // Throws with one line per missing or invalid variable, so the server does not start half-configured.
  getEnv();
  const { startOutboxWorker } = await import("./lib/email/worker");
  startOutboxWorker();
}
