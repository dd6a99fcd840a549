import type { Logger } from "@logtape/logtape";
import type { PartStopReport } from "./registry";

const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;
/** How long Next's own clean-up (closing the HTTP server) gets after Crier stopped, before the process exits anyway. */
const NEXT_CLEANUP_MS = 1_500;

/**
 * On SIGTERM or SIGINT, stops Crier first and then hands over to whoever listened
 * before (`next start` closes its HTTP server and calls process.exit(143) or (130);
 * run first, that exit would cut Crier's stop short), exiting anyway if they do not.
 * A second signal while stopping exits at once.
 */
export function stopOnSignals(stop: () => Promise<PartStopReport[]>, logger: Logger): void {
  let isStopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const earlier = process.listeners(signal) as ((signal: NodeJS.Signals) => void)[];
    for (const listener of earlier) process.off(signal, listener);
    logger.debug("Crier stops first on {signal}; {count} earlier listener(s) (Next's own clean-up) run after it.", { signal, count: earlier.length });
    process.on(signal, () => {
      if (isStopping) return process.exit(EXIT_CODES[signal]);
      isStopping = true;
      const started = Date.now();
      logger.info("{signal}: stopping (queue work, live streams, renderers, database).", { signal });
      void stop().then((reports) => {
        const problems = reports.filter((report) => report.outcome !== "stopped").map((report) => `${report.name} ${report.outcome}`);
        if (problems.length) logger.warn("Stopped in {ms} ms, but not cleanly: {problems}.", { ms: Date.now() - started, problems: problems.join(", ") });
        else logger.info("Stopped in {ms} ms.", { ms: Date.now() - started });
      }, (error) => logger.error("Stopping failed: {error}", { error })).finally(() => {
        if (earlier.length === 0) process.exit(EXIT_CODES[signal]);
        for (const listener of earlier) listener(signal);
        setTimeout(() => process.exit(EXIT_CODES[signal]), NEXT_CLEANUP_MS);
      });
    });
  }
}
