/** Form to follow an account by handle or URL. */
export function FollowForm({ csrfToken }: { csrfToken: string }) {
  return (
    <form method="post" action="/admin/subscriptions">
      <input type="hidden" name="csrf" value={csrfToken} />
      <label htmlFor="handle">Account to follow</label>
      <p id="handle-hint">A Fediverse handle such as @news@council.example, or the account&apos;s web address.</p>
      <input id="handle" name="handle" type="text" inputMode="url" autoComplete="off" spellCheck={false} aria-describedby="handle-hint" required />
      <label htmlFor="language">Language of its posts, when they do not say (optional)</label>
      <input id="language" name="language" type="text" placeholder="en" autoComplete="off" size={6} />{" "}
      <button type="submit">Follow</button>
    </form>
  );
}
