// Plain data shared by the server and the signage page (no imports: the browser bundle uses it).

export const SCREEN_ORIENTATIONS = ["auto", "landscape", "portrait"] as const;
export const SCREEN_THEMES = ["dark", "light", "contrast"] as const;
export const CLOSED_MODES = ["closed", "blank"] as const;
export const SCREEN_STATES = ["rotating", "emergency", "closed", "offline-cache"] as const;

export type ScreenState = (typeof SCREEN_STATES)[number];

/** How one kiosk screen is set up. Lists of handles and hashtags are stored normalised (see screen-config.ts). */
export interface ScreenConfig {
  name: string;
  /** Handles like @news@council.example; empty with `hashtags` empty means every announcement. */
  accounts: string[];
  /** Lower-case, without "#". */
  hashtags: string[];
  /** Seconds per slide; null means 10 s + 0.4 s a word. */
  slideSeconds: number | null;
  /** `auto` follows the display; `portrait` on a landscape display turns the content a quarter turn. */
  orientation: (typeof SCREEN_ORIENTATIONS)[number];
  theme: (typeof SCREEN_THEMES)[number];
  /** Like "Mo-Fr 08:00-18:00; Sa 09:00-13:00"; empty means always open. */
  openingHours: string;
  /** IANA time zone the opening hours and the clock on screen are in. */
  timeZone: string;
  /** Outside opening hours: a calm "closed" screen, or plain black. */
  closedMode: (typeof CLOSED_MODES)[number];
  emergencyAccounts: string[];
  emergencyHashtags: string[];
  /** An emergency post takes over for this long after it was published (or last edited). */
  emergencyMinutes: number;
  /** A "Listen" control on touch screens and a key that plays the current slide's audio. */
  listen: boolean;
  /** The key that plays it (KeyboardEvent.key: "Enter", " ", "l", "F9"…), so a USB button that sends a key works. */
  listenKey: string;
  /** Posts with any of these hashtags (lower-case, without "#") are not shown here. Absent in screens saved before it existed. */
  excludeHashtags?: string[];
  /** Posts containing any of these words or phrases (any case) are not shown here. */
  excludeWords?: string[];
  /** Posts behind a content warning are not shown here. */
  excludeContentWarnings?: boolean;
  /** New posts wait for an operator's approval before they show here (emergencies never wait). */
  approval?: boolean;
}

export interface StoredScreen extends ScreenConfig {
  createdAt: string | null;
  updatedAt: string | null;
}

/** The last heartbeat of one device showing a screen. */
export interface ScreenHeartbeat {
  screen: string;
  device: string;
  lastSeen: string;
  showing: string | null;
  state: ScreenState;
}

/** A device an operator enrolled for a screen (its secret is kept only as a hash). */
export interface EnrolledDevice { screen: string; device: string; enrolledAt: string }

/** An enrolled device in the fleet view, with its last heartbeat (null until it sends one); online when heard from in the last 2 minutes. */
export interface FleetDevice {
  screen: string;
  device: string;
  enrolledAt: string;
  lastSeen: string | null;
  showing: string | null;
  state: ScreenState | null;
  isOnline: boolean;
}
/** A screen with its enrolled devices and the names that sent heartbeats without a valid secret. */
export interface FleetScreen extends StoredScreen {
  devices: FleetDevice[];
  unenrolled: string[];
  /** The title (account: first words) of the slide the rotation shows now; null when nothing matches or everything waits for approval. */
  showingNow: string | null;
}
