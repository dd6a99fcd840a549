/** The admin sign-in form: one field for the admin token. Works without JavaScript. */
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
      <input id="token" name="token" type="password" autoComplete="current-password" aria-describedby="token-hint" required />{" "}
      <button type="submit">Sign in</button>
    </form>
  );
}
