/** A handle that may wrap between its user and its server ("@news" / "@council.example"), never inside either. */
export function HandleText({ handle }: { handle: string }) {
  const at = handle.indexOf("@", 1);
  if (at < 0) return <span dir="ltr">{handle}</span>;
  return <span dir="ltr">{handle.slice(0, at)}<wbr />{handle.slice(at)}</span>;
}
