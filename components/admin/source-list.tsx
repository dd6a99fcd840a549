import type { CapSource } from "@/lib/cap/cap-sources";
import { formatZonedTime } from "@/lib/zoned-time";

const STATE_WORDS: Record<string, string> = { ok: "Reading", error: "Failing", pending: "Not read yet" };

/** The CAP sources Crier reads, each with its state and pause/resume and remove buttons (plain form posts). */
export function SourceList({ sources, csrfToken, timeZone }: { sources: CapSource[]; csrfToken: string; timeZone: string }) {
  if (sources.length === 0) return <p>Crier reads no CAP source yet. Add one below.</p>;
  return (
    <ul className="console-list">
      {sources.map((source) => (
        <li key={source.id} className="console-item" data-key={source.id}>
          <h4>{source.name}</h4>
          <p className="handle">{source.url}</p>
          <p>
            {source.paused ? "Paused" : (STATE_WORDS[source.state] ?? source.state)}; alerts from {source.minSeverity} up are emergencies
            {source.area ? "; only alerts for its area" : ""}
            {source.lastPolledAt ? <>; last read <time dateTime={source.lastPolledAt}>{formatZonedTime(source.lastPolledAt, timeZone)}</time></> : ""}.
          </p>
          {source.reason ? <p>{source.reason}</p> : null}
          <div className="console-actions">
          <form method="post" action={`/admin/sources/${encodeURIComponent(source.id)}/pause`}>
            <input type="hidden" name="csrf" value={csrfToken} />
            <input type="hidden" name="paused" value={source.paused ? "false" : "true"} />
            <button type="submit">{source.paused ? `Resume ${source.name}` : `Pause ${source.name}`}</button>
          </form>
          <form method="post" action={`/admin/sources/${encodeURIComponent(source.id)}/delete`}>
            <input type="hidden" name="csrf" value={csrfToken} />
            <button type="submit">Remove {source.name}</button>
          </form>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Form to add a CAP source (an Atom index of alerts, or one CAP file). */
export function SourceForm({ csrfToken }: { csrfToken: string }) {
  return (
    <form method="post" action="/admin/sources">
      <input type="hidden" name="csrf" value={csrfToken} />
      <p>
        <label htmlFor="source-name">Name (such as Civil Defence)</label>
        <br />
        <input id="source-name" name="name" type="text" maxLength={100} autoComplete="off" required />
      </p>
      <p>
        <label htmlFor="source-url">Address of its CAP feed (an Atom index of alerts, or one CAP file)</label>
        <br />
        <input id="source-url" name="url" type="url" inputMode="url" autoComplete="off" spellCheck={false} required />
      </p>
      <p>
        <label htmlFor="source-severity">Lowest severity that is an emergency</label>
        <br />
        <select id="source-severity" name="minSeverity" defaultValue="Severe">
          <option value="Extreme">Extreme</option>
          <option value="Severe">Severe</option>
          <option value="Moderate">Moderate</option>
          <option value="Minor">Minor</option>
          <option value="Unknown">Unknown (every alert)</option>
        </select>
      </p>
      <p>
        <label htmlFor="source-area">Only alerts for this area (optional): a CAP polygon, “lat,lon” pairs separated by spaces, the last equal to the first</label>
        <br />
        <textarea id="source-area" name="area" rows={2} spellCheck={false} style={{ width: "100%", boxSizing: "border-box", font: "inherit" }} />
      </p>
      <p><button type="submit">Add CAP source</button></p>
    </form>
  );
}
