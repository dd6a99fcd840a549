// Runs once when the Next server starts: validate the environment, make sure the
// admin token exists (printed once), and start working the durable queue. A bad
// configuration stops the process with one sentence (see lib/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCrier } = await import("./lib/startup");
  await startCrier();
}
