import type { EmergencyEntry } from "@/lib/admin/types";
import { formatZonedTime } from "@/lib/zoned-time";

interface Props {
  /** EMERGENCY_ACCOUNTS and EMERGENCY_HASHTAGS: shown, not removable here. */
  accounts: string[];
  hashtags: string[];
  /** The entries kept in the console (and the admin API), each removable. */
  stored: EmergencyEntry[];
  csrfToken: string;
  /** TIME_ZONE: when each was added is shown in it, like every time in the console. */
  timeZone: string;
}

const KINDS = {
  account: { heading: "Emergency accounts", setting: "EMERGENCY_ACCOUNTS", label: "Account to add, a Fediverse handle such as @alerts@council.example", button: "Add account", none: "No account yet." },
  hashtag: { heading: "Emergency hashtags", setting: "EMERGENCY_HASHTAGS", label: "Hashtag to add: letters, digits and _, such as #Flood", button: "Add hashtag", none: "No hashtag yet." },
} as const;

/** The emergencies that take over screens and go out as CAP and Web Push: the settings' lists, and the ones kept here, with add and remove forms (plain posts). */
export function EmergencySummary({ accounts, hashtags, stored, csrfToken, timeZone }: Props) {
  return (
    <>
      <p>
        Posts from these accounts, or with these hashtags, are emergencies everywhere: they take over every screen,
        are published as CAP alerts at <a href="/cap/alerts.atom">/cap/alerts.atom</a>, and are sent to residents who asked for
        emergency notifications. A change applies at once, to posts already shown too. Each screen can add its own in its settings.
      </p>
      <EntryList kind="account" fromSettings={accounts} stored={stored} csrfToken={csrfToken} timeZone={timeZone} />
      <EntryList kind="hashtag" fromSettings={hashtags} stored={stored} csrfToken={csrfToken} timeZone={timeZone} />
    </>
  );
}

function EntryList({ kind, fromSettings, stored, csrfToken, timeZone }: { kind: EmergencyEntry["kind"]; fromSettings: string[]; stored: EmergencyEntry[]; csrfToken: string; timeZone: string }) {
  const words = KINDS[kind];
  const show = (value: string) => (kind === "hashtag" ? `#${value}` : value);
  const kept = stored.filter((entry) => entry.kind === kind);
  const id = `emergency-${kind}`;
  return (
    <>
      <h3>{words.heading}</h3>
      {fromSettings.length + kept.length === 0 ? <p>{words.none}</p> : (
        <ul className="console-list">
          {fromSettings.length > 0 ? (
            <li className="console-item">
              <p><span className="handle">{fromSettings.map(show).join(", ")}</span></p>
              <p>Set in {words.setting} on the server (see the README); change that setting to remove {fromSettings.length === 1 ? "it" : "them"}.</p>
            </li>
          ) : null}
          {kept.map((entry) => (
            <li key={entry.value} className="console-item">
              <p><span className="handle">{show(entry.value)}</span></p>
              <p>Added by {entry.addedBy} on <time dateTime={entry.addedAt}>{formatZonedTime(entry.addedAt, timeZone)}</time>.</p>
              <form method="post" action="/admin/emergencies/remove">
                <input type="hidden" name="csrf" value={csrfToken} />
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="value" value={entry.value} />
                <button type="submit">Remove {show(entry.value)}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/admin/emergencies" className="console-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        <label htmlFor={id}>
          {words.label}
          <input id={id} name="value" type="text" autoComplete="off" spellCheck={false} required />
        </label>
        <button type="submit">{words.button}</button>
      </form>
    </>
  );
}
