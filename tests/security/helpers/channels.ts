// Every public channel a forged announcement could reach: the JSON API, the
// reader page, the feeds, the podcast, the listen page and the default screen.

export const PUBLIC_CHANNELS = [
  "/api/announcements?limit=100",
  "/",
  "/feed.xml",
  "/atom.xml",
  "/podcast.xml",
  "/listen",
  "/api/signage/default/feed.json",
];

/** Which `markers` appear on which channel of the app at `url`, as "channel: marker". */
export async function findOnChannels(url: string, markers: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const channel of PUBLIC_CHANNELS) {
    const response = await fetch(`${url}${channel}`);
    if (!response.ok) throw new Error(`${channel} answered ${response.status}`);
    const text = await response.text();
    for (const marker of markers) if (text.includes(marker)) found.push(`${channel}: ${marker}`);
  }
  return found;
}
