// Pure: which slide shows at a moment, chosen from the clock so screens stay in step.

export interface ClockSlot {
  index: number;
  /** Clock time (ms) the slot started and ends. */
  startMs: number;
  endMs: number;
}

/**
 * The slot showing at `clockMs` in a rotation of slides with these durations (ms),
 * with cycles counted from the Unix epoch: every screen that knows the time and the
 * same list shows the same slide at the same moment.
 */
export function pickByClock(durationsMs: number[], clockMs: number): ClockSlot | null {
  const cycleMs = durationsMs.reduce((sum, ms) => sum + Math.max(0, ms), 0);
  if (durationsMs.length === 0 || cycleMs <= 0) return null;
  const cycleStart = Math.floor(clockMs / cycleMs) * cycleMs;
  let offset = clockMs - cycleStart;
  let startMs = cycleStart;
  for (let index = 0; index < durationsMs.length; index++) {
    const ms = Math.max(0, durationsMs[index]!);
    if (offset < ms) return { index, startMs, endMs: startMs + ms };
    offset -= ms;
    startMs += ms;
  }
  const last = durationsMs.length - 1;
  return { index: last, startMs: cycleStart + cycleMs - durationsMs[last]!, endMs: cycleStart + cycleMs };
}

/** A small offset (px) that moves the picture a little every few minutes, against burn-in. */
export function getPixelShift(clockMs: number, stepMs = 180_000, range = 4): { x: number; y: number } {
  const step = Math.floor(clockMs / stepMs);
  // A slow walk round a square of side 2·range, so every pixel spends time off its usual colour.
  const side = range * 2;
  const position = step % (side * 4);
  const along = position % side;
  const edge = Math.floor(position / side);
  const points = [
    { x: -range + along, y: -range },
    { x: range, y: -range + along },
    { x: range - along, y: range },
    { x: -range, y: range - along },
  ];
  return points[edge]!;
}
