// Icons drawn inline: a font without ⏮ ⏭ showed empty boxes. Each sits beside its
// text label, so it is hidden from assistive technology.

type IconName = "previous" | "play" | "pause" | "next";

const PATHS: Record<IconName, string> = {
  previous: "M5 4h3v16H5zM20 4v16L9 12z",
  play: "M6 4v16l14-8z",
  pause: "M6 4h4v16H6zM14 4h4v16h-4z",
  next: "M16 4h3v16h-3zM4 4v16l11-8z",
};

/** A 24-unit icon in the text colour, 1em square, hidden from screen readers (the button's text names it). */
export function ListenIcon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" style={{ verticalAlign: "-0.125em", fill: "currentColor" }}>
      <path d={PATHS[name]} />
    </svg>
  );
}
