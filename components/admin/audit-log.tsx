import type { AuditEntry } from "@/lib/admin/types";

/** The Audit log section: the operators' latest actions, newest first. */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>No operator actions yet.</p>;
  return (
    <ol className="console-list">
      {entries.map((entry) => (
        <li key={entry.seq} className="console-item">
          <p className="console-meta">
            <time dateTime={entry.at}>{entry.at.slice(0, 19).replace("T", " ")} UTC</time> · <strong>{entry.who}</strong> · {entry.action}
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
