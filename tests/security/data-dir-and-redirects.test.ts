import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir, startApp, startAppExpectingExit, type App } from "../integration/helpers/processes";

// Start-up and reader edges at the built app: a short admin token stops start-up with one
// sentence; DATA_DIR and the files holding secrets are private to Crier's user (fixed on
// start when they were not); /settings/save only ever sends the browser back to this site.

const started: App[] = [];
afterAll(async () => {
  for (const app of started) await app.stop();
});

const modeOf = (file: string) => statSync(file).mode & 0o777;


describe("the admin token", () => {
  it.each([
    ["an empty admin-token file", "", /the admin token in .*admin-token is empty; put a token of at least 16 characters there/],
    ["a short admin-token file", "fifteen-chars-x\n", /the admin token in .*admin-token is shorter than 16 characters/],
  ])("%s stops start-up with one sentence", async (_name, contents, message) => {
    const dataDir = makeTempDir("shorttoken");
    writeFileSync(path.join(dataDir, "admin-token"), contents);
    const { code, output } = await startAppExpectingExit({ DATA_DIR: dataDir, ADMIN_TOKEN: "" });
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output.trim().split("\n").filter((line) => line.includes("Crier cannot start"))).toHaveLength(1);
  });

  it("a short ADMIN_TOKEN stops start-up with one sentence", async () => {
    const { code, output } = await startAppExpectingExit({ DATA_DIR: makeTempDir("shorttoken"), ADMIN_TOKEN: "x".repeat(15) });
    expect(code).toBe(1);
    expect(output).toContain("ADMIN_TOKEN must be at least 16 characters long");
  });
});

describe("DATA_DIR", () => {
  it("is created 700 with its database and admin token 600", async () => {
    const dataDir = path.join(makeTempDir("modes"), "data");
    const app = await startApp({ dataDir });
    started.push(app);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, "admin-token"))).toBe(0o600);
    const isSqlite = process.env.CRIER_TEST_BACKEND !== "postgres";
    if (isSqlite) expect(existsSync(path.join(dataDir, "crier.sqlite"))).toBe(true);
    for (const name of ["crier.sqlite", "crier.sqlite-wal", "crier.sqlite-shm"]) {
      const file = path.join(dataDir, name);
      if (existsSync(file)) expect(modeOf(file), name).toBe(0o600);
    }
  });

  it("existing loose modes are fixed on start", async () => {
    const dataDir = makeTempDir("loose");
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, "admin-token"), "a-long-enough-admin-token\n", { mode: 0o644 });
    mkdirSync(path.join(dataDir, "slides"), { mode: 0o755 });
    const app = await startApp({ dataDir });
    started.push(app);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, "admin-token"))).toBe(0o600);
    expect(app.token).toBe("a-long-enough-admin-token");
    expect((await app.api("GET", "/api/admin/subscriptions")).status).toBe(200);
  });
});

describe("/settings/save", () => {
  const HOSTILE = [
    "/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "\t//evil.example", "//evil.example", "///evil.example",
    "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "/.//evil.example", "/%2F%2Fevil.example", "/%5C%5Cevil.example",
    "javascript:alert(1)", " javascript:alert(1)", "https://evil.example/", "http:evil.example", "//evil.example@127.0.0.1",
  ];

  it("only ever answers a Location on this site, as a browser resolves it", async () => {
    const app = started[0] ?? (await startApp());
    if (!started.includes(app)) started.push(app);
    for (const back of HOSTILE) {
      const response = await fetch(`${app.url}/settings/save`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ back, theme: "dark" }),
      });
      expect(response.status, back).toBe(303);
      const location = response.headers.get("location")!;
      expect(location, back).toMatch(/^\/(?![/\\])/);
      expect(location, back).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      expect(new URL(location, app.url).origin, back).toBe(new URL(app.url).origin);
    }
    const legitimate = await fetch(`${app.url}/settings/save`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ back: "/listen?x=1", theme: "yellow" }),
    });
    expect(legitimate.headers.get("location")).toBe("/listen?x=1");
    expect(legitimate.headers.get("set-cookie")).toMatch(/yellow/);
  });
});
