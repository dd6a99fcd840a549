import { startApp, startCouncil, waitFor, type App, type Council } from "../../integration/helpers/processes";

// A long address with no break opportunity, to catch horizontal scrolling.
export const LONG_URL = "https://www.example.org/council/services/roads-and-transport/temporary-closures/2026/station-road-water-main-repair-diversion-map-and-bus-route-changes?ref=announcement-feed";

/** Real announcements the reader pages must show (posted oldest first, so the CJK one is newest). */
export const SAMPLE_POSTS = [
  { content: "<p>Bins go out on Tuesday next week because of the public holiday. #BinDay</p>", language: "en", published: "2026-01-05T09:00:00Z" },
  {
    content: "River Road is flooded. Do not drive or walk through flood water. Sandbags at the Quarry Lane depot until 8 pm.",
    language: "en",
    summary: "Flooding",
    published: "2026-01-06T09:00:00Z",
  },
  {
    content: "Road closed: Station Road is closed until 6 pm while we repair a burst water main.",
    language: "en",
    attachments: [{ file: "road-closed.png", alt: "A round red no-entry sign beside a striped road barrier on an empty road." }],
    published: "2026-01-07T09:00:00Z",
  },
  { content: "A notice with a picture nobody described.", language: "en", attachments: [{ file: "council-avatar.png" }], published: "2026-01-07T10:00:00Z" },
  { content: `The diversion map and the new bus times are here: ${LONG_URL}`, language: "en", published: "2026-01-08T09:00:00Z" },
  { content: "<p>ستغلق مكتبة البلدية يوم الاثنين للصيانة. نعتذر عن الإزعاج.</p>", language: "ar", published: "2026-01-09T09:00:00Z" },
  { content: "【避難訓練のお知らせ】午前10時から、市内全域で地震を想定した避難訓練を行います。実際の災害ではありません。", language: "ja", published: "2026-01-10T09:00:00Z" },
];

export interface ReaderFixture {
  council: Council;
  app: App;
  handle: string;
  stop: () => Promise<void>;
}

/** Starts the council and the built app (council's domain trusted), follows it and posts the samples. */
export async function startReaderFixture(options: { posts?: typeof SAMPLE_POSTS; env?: Record<string, string> } = {}): Promise<ReaderFixture> {
  const council = await startCouncil();
  const app = await startApp({ certPath: council.certPath, env: { TRUSTED_DOMAINS: "localhost", ...options.env } });
  const stop = async () => {
    await app.stop();
    await council.stop();
  };
  try {
    const handle = `@council@${council.host}`;
    const response = await app.api("POST", "/api/admin/subscriptions", { handle });
    if (!response.ok) throw new Error(`follow failed: ${response.status} ${await response.text()}`);
    await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
      return items.some((item: { handle: string; state: string }) => item.handle === handle && item.state === "accepted");
    }, 20_000, () => `follow never accepted\n${app.output().slice(-3000)}`);
    const posts = options.posts ?? SAMPLE_POSTS;
    for (const post of posts) await council.control("POST", "/actors/council/posts", post);
    await waitFor(async () => {
      const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
      return items.length >= posts.length;
    }, 20_000, () => `posts never arrived\n${app.output().slice(-3000)}`);
    return { council, app, handle, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
