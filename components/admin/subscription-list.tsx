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
          <tr key={subscription.id}>
            <td>
              {subscription.name ? <strong>{subscription.name}</strong> : null} <HandleText handle={subscription.handle} />
            </td>
            <td>
              {STATE_LABELS[subscription.state]}
              {subscription.reason ? <p className={subscription.state === "error" ? "error" : undefined}>{subscription.reason}</p> : null}
              {subscription.state === "accepted" ? <BoostsForm subscription={subscription} csrfToken={csrfToken} /> : null}
            </td>
            <td>
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
