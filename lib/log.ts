import { AsyncLocalStorage } from "node:async_hooks";
import { configureSync, getConsoleSink, getLogger, type Logger } from "@logtape/logtape";
import { getEnv } from "./env";
import { getRuntimePart } from "./runtime/registry";

/** Sets up LogTape once per process: Crier's own categories at LOG_LEVEL, Fedify's at warning. */
export function configureLogging(): void {
  getRuntimePart("logging", setUpLogTape);
}

function setUpLogTape(): true {
  const level = getEnv().logLevel;
  configureSync({
    sinks: { console: getConsoleSink() },
    contextLocalStorage: new AsyncLocalStorage(),
    loggers: [
      { category: ["crier"], lowestLevel: level, sinks: ["console"] },
      { category: ["fedify"], lowestLevel: level === "debug" ? "info" : "warning", sinks: ["console"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
  return true;
}

/** A logger in Crier's category tree, e.g. getCrierLogger("inbox"). */
export function getCrierLogger(area: string): Logger {
  // Safe at import time: LogTape applies configureLogging() to loggers made before it.
  return getLogger(["crier", area]);
}
