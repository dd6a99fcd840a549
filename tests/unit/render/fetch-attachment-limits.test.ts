import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A post's picture lives on a server its author chose. Whatever that server sends,
// the picture fetcher reads at most 8 MB of it, and nothing at all that is not a
// picture; a real picture larger than the 2 MiB document limit still arrives (the
// picture fetcher asks for its own limit, with the process's fetch limits installed).

const MB = 1024 * 1024;
const written = new Map<string, number>();
const closed = new Set<string>();

function stream(response: ServerResponse, path: string, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x89);
  let sent = 0;
  response.on("close", () => closed.add(path));
  const pump = () => {
    while (sent < total && !response.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      written.set(path, sent);
      if (!response.write(part)) return void response.once("drain", pump);
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

const server = createServer((request, response) => {
  const path = request.url ?? "/";
  if (path === "/huge.bin") return response.writeHead(200, { "content-type": "application/octet-stream" }), stream(response, path, 512 * MB);
  if (path === "/endless.png") return response.writeHead(200, { "content-type": "image/png" }), stream(response, path, 512 * MB);
  if (path === "/declared.png") return response.writeHead(200, { "content-type": "image/png", "content-length": String(9 * MB) }), stream(response, path, 9 * MB);
  if (path === "/seven.png") return response.writeHead(200, { "content-type": "image/png" }), stream(response, path, 7 * MB);
  response.writeHead(404).end();
});
let origin = "";

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_ADDRESS = "true"; // the server is on loopback
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function waitForClose(path: string): Promise<void> {
  for (let i = 0; i < 100 && !closed.has(path); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("fetchAttachmentImage limits", () => {
  it("reads none of a huge body that is not a picture", async () => {
    const { fetchAttachmentImage } = await import("../../../lib/render/fetch-attachment");
    await expect(fetchAttachmentImage(`${origin}/huge.bin`)).rejects.toThrow(/application\/octet-stream, not an image/);
    await waitForClose("/huge.bin");
    expect(closed.has("/huge.bin")).toBe(true);
    expect(written.get("/huge.bin") ?? 0).toBeLessThan(32 * MB);
  });

  it("stops reading an endless picture at 8 MB", async () => {
    const { fetchAttachmentImage, ATTACHMENT_LIMITS } = await import("../../../lib/render/fetch-attachment");
    await expect(fetchAttachmentImage(`${origin}/endless.png`)).rejects.toThrow(new RegExp(`more than ${ATTACHMENT_LIMITS.maxBytes} bytes`));
    await waitForClose("/endless.png");
    expect(closed.has("/endless.png")).toBe(true);
    expect(written.get("/endless.png")!).toBeLessThan(32 * MB);
  });

  it("does not start reading a picture that declares more than 8 MB", async () => {
    const { fetchAttachmentImage } = await import("../../../lib/render/fetch-attachment");
    await expect(fetchAttachmentImage(`${origin}/declared.png`)).rejects.toThrow(/9437184/);
  });

  it("still fetches a 7 MB picture, above the 2 MiB limit for documents", async () => {
    const { fetchAttachmentImage } = await import("../../../lib/render/fetch-attachment");
    const image = await fetchAttachmentImage(`${origin}/seven.png`);
    expect(image.data.byteLength).toBe(7 * MB);
    // …while a plain fetch, which every other caller (Fedify's loaders) makes, stops at 2 MiB.
    const response = await fetch(`${origin}/seven.png`);
    await expect(response.arrayBuffer()).rejects.toThrow(/more than 2097152 bytes/);
  });
});
