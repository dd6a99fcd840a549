/** The emergencies that take over every screen and go out as CAP and Web Push: what the settings say. */
export function EmergencySummary({ accounts, hashtags }: { accounts: string[]; hashtags: string[] }) {
  return (
    <>
      <p>
        Posts from these accounts, or with these hashtags, are emergencies everywhere: they take over every screen,
        are published as CAP alerts at <a href="/cap/alerts.atom">/cap/alerts.atom</a>, and are sent to residents who asked for
        emergency notifications. Each screen can add its own in its settings.
      </p>
      <ul>
        <li>Accounts: {accounts.length > 0 ? <span className="handle">{accounts.join(", ")}</span> : "none"}</li>
        <li>Hashtags: {hashtags.length > 0 ? hashtags.map((tag) => `#${tag}`).join(", ") : "none"}</li>
      </ul>
      <p>They are set on the server with EMERGENCY_ACCOUNTS and EMERGENCY_HASHTAGS (see the README), and change when Crier restarts.</p>
    </>
  );
}
