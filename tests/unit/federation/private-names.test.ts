import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnouncementDraft } from "../../../lib/announcements/types";
import { startTestDnsServer, type TestDnsServer } from "../../integration/helpers/dns-server";

// A post's page link and pictures on names that resolve to private addresses are
// dropped at ingest like literal private addresses. A real DNS server on loopback
// answers for the attacker's names; the guard asks it instead of the system's.

const AUTHOR = "https://council.attacker.test/users/news";
let dns: TestDnsServer;

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_ADDRESS = "false";
  dns = await startTestDnsServer((name) => {
    if (name === "intranet.attacker.test" || name === "council.attacker.test") return "10.1.2.3";
    if (name === "cdn.public.test") return "192.0.2.10";
    return null;
  });
  const { installNetworkGuards } = await import("../../../lib/http/network-guards");
  installNetworkGuards({ dnsServers: [dns.address] });
});

afterAll(() => dns.close());

function draftWith(url: string | null, pictures: string[]): AnnouncementDraft {
  return {
    uri: `${AUTHOR}/statuses/1`, url, authorUri: AUTHOR, objectType: "Note", published: "2026-01-01T00:00:00Z", updated: null,
    language: "en", summary: null, sensitive: false, html: "<p>Hi</p>", text: "Hi", tags: [], visibility: "public", inReplyTo: null,
    attachments: pictures.map((picture) => ({ url: picture, mediaType: "image/png", alt: "a picture", width: null, height: null })),
  } as AnnouncementDraft;
}

describe("dropLinksToPrivateNames", () => {
  it("drops the page link and pictures on names that resolve to private addresses, keeps public and unresolvable ones", async () => {
    const { dropLinksToPrivateNames } = await import("../../../lib/federation/private-names");
    const draft = draftWith("http://intranet.attacker.test/admin", [
      "https://intranet.attacker.test/a.png",
      "https://cdn.public.test/b.png",
      "https://nowhere.test/c.png",
    ]);
    const result = await dropLinksToPrivateNames(draft, AUTHOR);
    expect(result.url).toBeNull();
    expect(result.attachments.map((attachment) => attachment.url)).toEqual(["https://cdn.public.test/b.png", "https://nowhere.test/c.png"]);
    expect(dns.queries("intranet.attacker.test")).toBe(1); // one lookup per distinct host
  });

  it("leaves the author's own host alone (its own server: it is not pointing readers elsewhere)", async () => {
    const { dropLinksToPrivateNames } = await import("../../../lib/federation/private-names");
    const draft = draftWith(`${AUTHOR}/statuses/1`, ["https://council.attacker.test/media/1.png"]);
    expect(await dropLinksToPrivateNames(draft, AUTHOR)).toBe(draft);
  });
});
