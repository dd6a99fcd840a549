import http from "node:http";
import { describe, expect, it } from "vitest";
import { startApp } from "./helpers/processes";

// What a service manager's stop looks like from outside: live screens are told when to
// reconnect and their streams end, the process stops Crier's parts and exits by itself
// with the signal's code. (tests/reliability/shutdown.test.ts does the same mid-burst.)

/** A raw event-stream connection that keeps everything it is sent, and notices its end. */
function openRawStream(url: string): Promise<{ text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = "";
    http.get(`${url}/api/events`, { agent: false, headers: { accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`the event stream answered ${response.statusCode}`));
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      resolve({ text: () => text, ended: new Promise((done) => response.once("close", () => done())) });
    }).on("error", reject);
  });
}

describe.each([["SIGTERM", 143], ["SIGINT", 130]] as const)("on %s", (signal, code) => {
  it("ends every live stream with a retry hint, stops cleanly and exits by itself within 10 s", async () => {
    const app = await startApp();
    try {
      const screens = await Promise.all([openRawStream(app.url), openRawStream(app.url), openRawStream(app.url)]);
      const exited = new Promise<void>((resolve) => app.child.once("exit", () => resolve()));
      const started = Date.now();
      app.child.kill(signal);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      const exitMs = Date.now() - started;
      expect(app.child.signalCode).toBeNull(); // not killed: it exited
      expect(app.child.exitCode).toBe(code);
      expect(exitMs).toBeLessThan(10_000);
      await Promise.all(screens.map((screen) => screen.ended));
      for (const screen of screens) expect(screen.text()).toMatch(/: server restarting\nretry: 5000\n\n$/);
      expect(app.output()).toMatch(/Stopped in \d+ ms\.\n/);
    } finally {
      await app.stop();
    }
  });
});
