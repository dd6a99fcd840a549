import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// With ALLOW_PRIVATE_ADDRESS=false (the production default) a picture on a loopback
// or private address is refused before any connection is made.

let requests = 0;
const server = createServer((_request, response) => {
  requests++;
  response.writeHead(200, { "content-type": "image/png" }).end("x");
});
let origin = "";

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_ADDRESS = "false";
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

describe("fetchAttachmentImage", () => {
  it("refuses private and loopback addresses, other schemes and bad URLs without connecting", async () => {
    const { fetchAttachmentImage } = await import("../../../lib/render/fetch-attachment");
    for (const url of [`${origin}/a.png`, "http://localhost:9/a.png", "http://10.0.0.1/a.png", "http://[::1]/a.png", "http://169.254.169.254/latest/meta-data"]) {
      await expect(fetchAttachmentImage(url), url).rejects.toThrow(/private or loopback/);
    }
    await expect(fetchAttachmentImage("file:///etc/passwd")).rejects.toThrow(/not http/);
    await expect(fetchAttachmentImage("not a url")).rejects.toThrow(/not a valid URL/);
    expect(requests).toBe(0);
  });
});
