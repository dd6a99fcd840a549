import type { AuditEntry } from "@/lib/admin/types";
import { formatZonedTime } from "@/lib/zoned-time";

/** The Audit log section: the operators' latest actions, newest first. */
export function AuditLog({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  if (entries.length === 0) return <p>No operator actions yet.</p>;
  return (
    <ol className="console-list">
      {entries.map((entry) => (
        <li key={entry.seq} className="console-item" data-key={entry.seq}>
          <p className="console-meta">
            <time dateTime={entry.at}>{formatZonedTime(entry.at, timeZone, { seconds: true })}</time> · <strong>{entry.who}</strong> · {entry.action}
          </p>
          <p>{withBreaks(entry.target)}</p>
          {entry.reason ? <p>Reason: {entry.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** A target like "lobby/AbC…" or "@news@council.example" may wrap after "/" or before its second "@", never inside a name. */
function withBreaks(target: string): React.ReactNode[] {
  return target.split(/(?=\/)|(?<=\/)|(?=@[^@\s]+$)/).map((part, index) => (index === 0 ? part : [<wbr key={index} />, part]));
}
