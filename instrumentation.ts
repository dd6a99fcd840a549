// Runs once when the Next server starts: builds Crier's runtime (lib/runtime.ts: env,
// logging, network guards, admin token printed once, database, event bus, federation,
// renderers, the queue worker) and makes SIGTERM/SIGINT stop it before Next exits. A bad
// configuration stops the process with one sentence (see lib/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCrier } = await import("./lib/startup");
  await startCrier();
}
