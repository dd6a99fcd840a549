// Pure-JS audio steps between the engine and the MP3 encoder: 2× upsampling
// (22.05 → 44.1 kHz), loudness measurement (ITU-R BS.1770-4, as ffmpeg's ebur128 and
// pyloudnorm do it) and normalisation to a target with a peak limiter.

const HALF_TAPS = 16;
// Windowed-sinc half-band interpolator: the odd output samples sit halfway between inputs.
const INTERPOLATOR = (() => {
  const taps = new Float64Array(HALF_TAPS * 2);
  let sum = 0;
  for (let k = 0; k < taps.length; k++) {
    const t = k - HALF_TAPS + 0.5;
    const window = 0.42 + 0.5 * Math.cos((Math.PI * t) / HALF_TAPS) + 0.08 * Math.cos((2 * Math.PI * t) / HALF_TAPS);
    taps[k] = (Math.sin(Math.PI * t) / (Math.PI * t)) * window;
    sum += taps[k]!;
  }
  return taps.map((tap) => tap / sum);
})();

/** Doubles the sample rate (22.05 → 44.1 kHz) with a windowed-sinc interpolator; returns floats in −1…1. */
export function upsampleTwice(samples: Int16Array): Float32Array {
  const input = Float32Array.from(samples, (value) => value / 32768);
  const output = new Float32Array(input.length * 2);
  for (let n = 0; n < input.length; n++) {
    output[2 * n] = input[n]!;
    let value = 0;
    for (let k = 0; k < INTERPOLATOR.length; k++) {
      const index = n + k - HALF_TAPS + 1;
      if (index >= 0 && index < input.length) value += INTERPOLATOR[k]! * input[index]!;
    }
    output[2 * n + 1] = value;
  }
  return output;
}

type Biquad = [number, number, number, number, number];

/** BS.1770 K-weighting (high shelf, then high pass) for any sample rate. */
function getKWeighting(sampleRate: number): Biquad[] {
  const shelf = (() => {
    const gain = 3.99984385397, q = 0.7071752369554193, fc = 1681.9744509555319;
    const a = 10 ** (gain / 40), w0 = (2 * Math.PI * fc) / sampleRate, alpha = Math.sin(w0) / (2 * q), cos = Math.cos(w0);
    const a0 = a + 1 - (a - 1) * cos + 2 * Math.sqrt(a) * alpha;
    return [
      (a * (a + 1 + (a - 1) * cos + 2 * Math.sqrt(a) * alpha)) / a0,
      (-2 * a * (a - 1 + (a + 1) * cos)) / a0,
      (a * (a + 1 + (a - 1) * cos - 2 * Math.sqrt(a) * alpha)) / a0,
      (2 * (a - 1 - (a + 1) * cos)) / a0,
      (a + 1 - (a - 1) * cos - 2 * Math.sqrt(a) * alpha) / a0,
    ] as Biquad;
  })();
  const highPass = (() => {
    const q = 0.5003270373253953, fc = 38.13547087613982;
    const w0 = (2 * Math.PI * fc) / sampleRate, alpha = Math.sin(w0) / (2 * q), cos = Math.cos(w0), a0 = 1 + alpha;
    return [(1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0] as Biquad;
  })();
  return [shelf, highPass];
}

function applyBiquad(input: Float64Array, [b0, b1, b2, a1, a2]: Biquad): Float64Array {
  const output = new Float64Array(input.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let n = 0; n < input.length; n++) {
    const x = input[n]!;
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    output[n] = y;
    x2 = x1; x1 = x; y2 = y1; y1 = y;
  }
  return output;
}

/** Integrated loudness in LUFS of mono samples (gated, 400 ms blocks, 75 % overlap); −Infinity for silence. */
export function measureLoudness(samples: Float32Array, sampleRate: number): number {
  let weighted: Float64Array = Float64Array.from(samples);
  for (const biquad of getKWeighting(sampleRate)) weighted = applyBiquad(weighted, biquad);
  const block = Math.round(0.4 * sampleRate), step = Math.round(0.1 * sampleRate);
  const powers: number[] = [];
  // Running sum of squares so each block costs O(1).
  const squares = new Float64Array(weighted.length + 1);
  for (let n = 0; n < weighted.length; n++) squares[n + 1] = squares[n]! + weighted[n]! * weighted[n]!;
  for (let start = 0; start + block <= weighted.length; start += step) powers.push((squares[start + block]! - squares[start]!) / block);
  if (powers.length === 0 && weighted.length > 0) powers.push(squares[weighted.length]! / weighted.length);
  const loudness = (power: number) => -0.691 + 10 * Math.log10(power);
  const aboveAbsolute = powers.filter((power) => loudness(power) > -70);
  if (aboveAbsolute.length === 0) return -Infinity;
  const relativeGate = loudness(aboveAbsolute.reduce((a, b) => a + b, 0) / aboveAbsolute.length) - 10;
  const gated = aboveAbsolute.filter((power) => loudness(power) > relativeGate);
  return loudness(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/** Limits peaks to `ceiling` with a 5 ms look-ahead and 50 ms release, in place. */
function limitPeaks(samples: Float32Array, sampleRate: number, ceiling: number): void {
  const lookAhead = Math.round(0.005 * sampleRate);
  const release = Math.exp(-1 / (0.05 * sampleRate));
  const needed = new Float32Array(samples.length);
  for (let n = 0; n < samples.length; n++) needed[n] = Math.min(1, ceiling / Math.max(Math.abs(samples[n]!), 1e-9));
  // The gain at n must already be down to what any sample in the next `lookAhead` needs:
  // a sliding-window minimum (monotonic deque of indices), O(n).
  const ahead = new Float32Array(samples.length);
  const deque = new Int32Array(samples.length);
  let head = 0, tail = 0;
  for (let n = samples.length - 1; n >= 0; n--) {
    while (tail > head && needed[deque[tail - 1]!]! >= needed[n]!) tail--;
    deque[tail++] = n;
    while (deque[head]! > n + lookAhead) head++;
    ahead[n] = needed[deque[head]!]!;
  }
  let gain = 1;
  for (let n = 0; n < samples.length; n++) {
    gain = ahead[n]! < gain ? ahead[n]! : ahead[n]! + (gain - ahead[n]!) * release;
    samples[n] = samples[n]! * Math.min(gain, needed[n]!);
  }
}

/**
 * Scales samples to the target loudness (LUFS) with peaks held under −1 dBFS; returns
 * the gain applied in dB. One measurement: the limiter only trims rare peaks of speech,
 * which moves the result by a few tenths of a LU (tests hold it to ±2 LU with ffmpeg).
 */
export function normaliseLoudness(samples: Float32Array, sampleRate: number, target = -16): number {
  const loudness = measureLoudness(samples, sampleRate);
  if (!Number.isFinite(loudness)) return 0;
  const gainDb = target - loudness;
  const gain = 10 ** (gainDb / 20);
  for (let n = 0; n < samples.length; n++) samples[n] = samples[n]! * gain;
  limitPeaks(samples, sampleRate, 10 ** (-1 / 20));
  return gainDb;
}
