import type { Messages } from "@/lib/i18n/types";

/** What a newcomer sees before anything has been posted, and what the operator should do. */
export function EmptyState({ messages }: { messages: Messages }) {
  return (
    <section className="notice" aria-labelledby="empty-title">
      <h2 id="empty-title">{messages.emptyTitle}</h2>
      <p>{messages.emptyReader}</p>
      <p>{messages.emptyOperator}</p>
      <p><a className="button-link" href="/admin">{messages.emptyOperatorLink}</a></p>
    </section>
  );
}
