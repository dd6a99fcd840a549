import type { Messages } from "@/lib/i18n/types";

/** What a reader sees for an announcement or page that is not (or no longer) there. */
export function NotFoundContent({ messages }: { messages: Messages }) {
  return (
    <>
      <h1>{messages.notFoundTitle}</h1>
      <p>{messages.notFoundText}</p>
      <p><a className="button-link" href="/">{messages.backToAll}</a></p>
    </>
  );
}
