import { HandleText } from "./handle-text";
import type { AdminAnnouncementItem, AdminState } from "@/lib/admin/types";
import { formatZonedTime, toLocalInputValue } from "@/lib/zoned-time";
import { isUtc } from "@/lib/time-zone";

const STATE_LABELS: Record<AdminState, string> = {
  shown: "Shown",
  hidden: "Hidden",
  reply: "Reply, not shown",
  expired: "Ended",
};
const FILTERS: { value: AdminState | ""; label: string }[] = [
  { value: "", label: "Every state" }, { value: "shown", label: "Shown" }, { value: "hidden", label: "Hidden" },
  { value: "reply", label: "Replies" }, { value: "expired", label: "Ended" },
];
const EXCERPT = 280;

/** One action button as a plain form post (works without JavaScript). */
function ActionForm({ id, action, label, csrfToken, children }: { id: string; action: string; label: string; csrfToken: string; children?: React.ReactNode }) {
  return (
    <form method="post" action={`/admin/announcements/${encodeURIComponent(id)}/${action}`} className="console-form">
      <input type="hidden" name="csrf" value={csrfToken} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

/** The Announcements section: newest first, filtered by state and account, each with its actions; times in the council's zone. */
export function AnnouncementConsole({ items, csrfToken, state, account, timeZone }: { items: AdminAnnouncementItem[]; csrfToken: string; state: string; account: string; timeZone: string }) {
  const zoneLabel = isUtc(timeZone) ? "UTC" : `${timeZone} time`;
  return (
    <>
      <form method="get" action="/admin" className="console-filter">
        <label>
          State{" "}
          <select name="state" defaultValue={state}>
            {FILTERS.map((filter) => <option key={filter.value} value={filter.value}>{filter.label}</option>)}
          </select>
        </label>
        <label>
          Account <input name="account" defaultValue={account} placeholder="@news@council.example" autoComplete="off" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {items.length === 0 ? <p>No announcements match.</p> : null}
      <ol className="console-list">
        {items.map(({ announcement, state: itemState, pinned, showUntil, hiddenReason }) => {
          const { id } = announcement;
          const excerpt = announcement.text.length > EXCERPT ? `${announcement.text.slice(0, EXCERPT)}…` : announcement.text;
          return (
            <li key={id} className="console-item" data-key={id}>
              <p className="console-meta">
                <strong>{announcement.account.name}</strong> <HandleText handle={announcement.account.handle} />{" "}
                <time dateTime={announcement.published}>{formatZonedTime(announcement.published, timeZone)}</time>
              </p>
              <p className="console-state">
                <strong>{STATE_LABELS[itemState]}</strong>
                {pinned ? " · Pinned" : ""}
                {showUntil ? <> · Until <time dateTime={showUntil}>{formatZonedTime(showUntil, timeZone)}</time></> : ""}
                {hiddenReason ? ` · Reason: ${hiddenReason}` : ""}
              </p>
              {itemState === "shown" ? (
                <img className="console-thumb" src={`/api/announcements/${encodeURIComponent(id)}/slide.png?width=320&height=180`} width={320} height={180} alt="" loading="lazy" />
              ) : null}
              <p className="console-text">{excerpt}</p>
              {itemState === "shown" ? (
                <p>
                  <a href={`/announcements/${encodeURIComponent(id)}`}>Reader page</a>
                  <audio controls preload="none" src={`/api/announcements/${encodeURIComponent(id)}/audio.mp3`} aria-label={`Listen: ${announcement.account.name}`} />
                </p>
              ) : null}
              {itemState === "reply" ? null : (
                <div className="console-actions">
                  {itemState === "hidden" ? (
                    <ActionForm id={id} action="unhide" label="Unhide" csrfToken={csrfToken} />
                  ) : (
                    <ActionForm id={id} action="hide" label="Hide" csrfToken={csrfToken}>
                      <label>Reason <input name="reason" maxLength={500} autoComplete="off" /></label>
                    </ActionForm>
                  )}
                  <ActionForm id={id} action={pinned ? "unpin" : "pin"} label={pinned ? "Unpin" : "Pin"} csrfToken={csrfToken} />
                  <ActionForm id={id} action="show-until" label="Set end" csrfToken={csrfToken}>
                    <label>Show until ({zoneLabel}) <input type="datetime-local" name="showUntil" defaultValue={showUntil ? toLocalInputValue(showUntil, timeZone) : ""} /></label>
                  </ActionForm>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
