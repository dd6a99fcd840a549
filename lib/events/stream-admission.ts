import { getEnv } from "../env";
import { getRuntimePart } from "../runtime/registry";

export type Admission =
  | { isAdmitted: true; release: () => void }
  | { isAdmitted: false; reason: "server-full" | "client-full" };

/**
 * Counts open event streams, in all and per client address, and refuses one past
 * either cap. `release` is idempotent: a stream can end several ways at once.
 */
export class StreamAdmission {
  readonly #perClient = new Map<string, number>();
  #total = 0;

  readonly #limits: () => { maxStreams: number; maxStreamsPerClient: number };

  constructor(limits: () => { maxStreams: number; maxStreamsPerClient: number }) {
    this.#limits = limits;
  }

  /** Open streams now. */
  get open(): number {
    return this.#total;
  }

  /** Admits a stream from `client` (null: address unknown, only the global cap applies). */
  admit(client: string | null): Admission {
    const { maxStreams, maxStreamsPerClient } = this.#limits();
    if (this.#total >= maxStreams) return { isAdmitted: false, reason: "server-full" };
    const fromClient = client === null ? 0 : (this.#perClient.get(client) ?? 0);
    if (client !== null && fromClient >= maxStreamsPerClient) return { isAdmitted: false, reason: "client-full" };
    this.#total++;
    if (client !== null) this.#perClient.set(client, fromClient + 1);
    let isReleased = false;
    return {
      isAdmitted: true,
      release: () => {
        if (isReleased) return;
        isReleased = true;
        this.#total--;
        if (client === null) return;
        const left = (this.#perClient.get(client) ?? 1) - 1;
        if (left > 0) this.#perClient.set(client, left);
        else this.#perClient.delete(client);
      },
    };
  }
}

/** The process-wide stream counter, with the caps from SSE_MAX_STREAMS and SSE_MAX_STREAMS_PER_CLIENT. */
export function getStreamAdmission(): StreamAdmission {
  return getRuntimePart("stream-admission", () => new StreamAdmission(() => ({
    maxStreams: getEnv().sseMaxStreams,
    maxStreamsPerClient: getEnv().sseMaxStreamsPerClient,
  })));
}
