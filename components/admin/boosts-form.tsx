import type { Subscription } from "@/lib/admin/types";

const CHOICES: { value: Subscription["boosts"]; label: string }[] = [
  { value: "none", label: "None" },
  { value: "trusted", label: "From trusted domains" },
  { value: "all", label: "All" },
];

/** Which of a followed account's boosts are shown (a plain form post). */
export function BoostsForm({ subscription, csrfToken }: { subscription: Subscription; csrfToken: string }) {
  const id = `boosts-${subscription.id}`;
  return (
    <form method="post" action={`/admin/subscriptions/${encodeURIComponent(subscription.id)}/boosts`} className="console-form">
      <input type="hidden" name="csrf" value={csrfToken} />
      <label htmlFor={id}>Boosts shown</label>
      <select id={id} name="boosts" defaultValue={subscription.boosts ?? "none"}>
        {CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
      </select>
      <button type="submit" aria-label={`Save boosts of ${subscription.handle}`}>Save</button>
    </form>
  );
}
