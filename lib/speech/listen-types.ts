// Kept apart from listen-items.ts so the client player imports a type, not the store.

/** What /listen shows and plays for one announcement (plain data, safe to pass to a client component). */
export interface ListenItem {
  id: string;
  language: string;
  accountName: string;
  published: string;
  /** The date as shown ("Friday 20 November 2026"), in English like the rest of the page. */
  dateLabel: string;
  /**
   * What the list calls it: account, date, time and first words ("Demo City Council,
   * Sunday 6 December 2026 at 09:15: Road closed: Station Road is…"), unique in the list,
   * so a screen reader's list of links never says the same thing twice.
   */
  listName: string;
  summary: string | null;
  paragraphs: string[];
  imageDescriptions: (string | null)[];
  /** The server's MP3, or null when the listener's device must read it. */
  audioUrl: string | null;
  /** What the device's voice reads when audioUrl is null. */
  deviceScript: string | null;
}
