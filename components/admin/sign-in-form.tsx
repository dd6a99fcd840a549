/** The admin sign-in form: the admin token, and a name for the audit log. Works without JavaScript. */
export function SignInForm({ error }: { error?: string }) {
  return (
    <form method="post" action="/admin/session">
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <label htmlFor="token">Admin token</label>
      <p id="token-hint">Printed when Crier first started, and saved in the file admin-token in the data folder.</p>
      <input id="token" name="token" type="password" autoComplete="current-password" aria-describedby="token-hint" required />
      <label htmlFor="operator-name">Your name (optional)</label>
      <p id="operator-name-hint">The audit log shows it beside what you do, so your team knows who hid or pinned a post.</p>
      <input id="operator-name" name="name" type="text" autoComplete="name" maxLength={60} aria-describedby="operator-name-hint" />{" "}
      <button type="submit">Sign in</button>
    </form>
  );
}
