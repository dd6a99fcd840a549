import { HandleText } from "./handle-text";
import { BoostsForm } from "./boosts-form";
import type { Subscription } from "@/lib/admin/types";

const STATE_LABELS: Record<Subscription["state"], string> = {
  pending: "Waiting for the account to accept",
  accepted: "Following",
  rejected: "Refused by the account",
  error: "Could not follow",
};

/** The followed accounts with their state, each with a remove button (a plain form post). */
export function SubscriptionList({ subscriptions, csrfToken }: { subscriptions: Subscription[]; csrfToken: string }) {
  if (subscriptions.length === 0) return <p>Crier does not follow any account yet. Add one below.</p>;
  return (
    // A data table may scroll sideways on a narrow phone (WCAG reflow's exception for tables); the region lets a keyboard scroll it.
    <div className="table-scroll" role="region" aria-label="Followed accounts" tabIndex={0}>
    <table>
      <caption className="visually-hidden">Followed accounts</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">State</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((subscription) => (
          <tr key={subscription.id} data-key={subscription.id}>
            <td>
              {subscription.name ? <strong>{subscription.name}</strong> : null} <HandleText handle={subscription.handle} />
            </td>
            <td>
              {STATE_LABELS[subscription.state]}
              {subscription.reason ? <p className={subscription.state === "error" ? "error" : undefined}>{subscription.reason}</p> : null}
              {subscription.state === "accepted" ? <BoostsForm subscription={subscription} csrfToken={csrfToken} /> : null}
            </td>
            <td>
              {subscription.state === "error" || subscription.state === "rejected" ? (
                // A lost or failed follow: sending it again is the fix the reason asks for.
                <form method="post" action="/admin/subscriptions">
                  <input type="hidden" name="csrf" value={csrfToken} />
                  <input type="hidden" name="handle" value={subscription.handle} />
                  {subscription.language ? <input type="hidden" name="language" value={subscription.language} /> : null}
                  <button type="submit" aria-label={`Follow ${subscription.handle} again`}>
                    Follow again
                  </button>
                </form>
              ) : null}
              <form method="post" action={`/admin/subscriptions/${encodeURIComponent(subscription.id)}/delete`}>
                <input type="hidden" name="csrf" value={csrfToken} />
                <button type="submit" aria-label={`Remove ${subscription.handle}`}>
                  Remove
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
