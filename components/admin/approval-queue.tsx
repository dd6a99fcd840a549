import type { AdminAnnouncementItem } from "@/lib/admin/types";

const EXCERPT = 200;

/** Each screen that waits for approval, with the posts waiting and Approve and Decline buttons (plain form posts). */
export function ApprovalQueue({ queues, csrfToken }: { queues: { screen: string; items: AdminAnnouncementItem[] }[]; csrfToken: string }) {
  if (queues.length === 0) return <p>No screen waits for approval; set “New posts: wait for approval” in a screen’s settings.</p>;
  return (
    <>
      {queues.map(({ screen, items }) => (
        <section key={screen} aria-labelledby={`approvals-${screen}`} data-key={screen}>
          <h3 id={`approvals-${screen}`}>Waiting for {screen}</h3>
          {items.length === 0 ? <p>Nothing is waiting.</p> : null}
          <ol className="console-list">
            {items.map(({ announcement }) => (
              <li key={announcement.id} className="console-item" data-key={announcement.id}>
                <p className="console-meta"><strong>{announcement.account.name}</strong></p>
                <p className="console-text">{announcement.text.length > EXCERPT ? `${announcement.text.slice(0, EXCERPT)}…` : announcement.text}</p>
                <div className="console-actions">
                  {(["approve", "decline"] as const).map((decision) => (
                    <form key={decision} method="post" action={`/admin/screens/${encodeURIComponent(screen)}/approvals/${encodeURIComponent(announcement.id)}/${decision}`} className="console-form">
                      <input type="hidden" name="csrf" value={csrfToken} />
                      <button type="submit">{decision === "approve" ? `Approve for ${screen}` : "Decline"}</button>
                    </form>
                  ))}
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
