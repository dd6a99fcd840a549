"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Announcement } from "@/lib/announcements/types";
import { applyScreenEvent, type ScreenEvent } from "@/lib/signage/live-update";
import type { ScreenConfig } from "@/lib/signage/types";

export interface ScreenFeedState {
  screen: ScreenConfig;
  items: Announcement[];
  /** When the list was last known to match the server (ms, this device's clock). */
  syncedAt: number;
  /** Whether the live stream is open now. */
  isLive: boolean;
  /** The server's clock minus this device's (ms), from the feed's X-Server-Time. */
  clockOffsetMs: number;
}

/** Poll intervals: a slow safety net while the stream is open, faster while it is down; ±30 % jitter. */
const POLL_LIVE_MS = 60_000;
const POLL_DOWN_MS = 10_000;
/** How long after a refused live stream to ask again (the server's Retry-After is 30–60 s; EventSource cannot read it); ±30 % jitter. */
const REOPEN_MS = 60_000;
/** After a screen's settings change, its devices fetch the feed within this (spread, so they do not all ask at once). */
const SCREEN_CHANGE_SPREAD_MS = 1_000;

/** Counters the long-run test and curious operators read (window.crierSignageStats). */
export const signageStats = { slideChanges: 0, liveUpdates: 0, polls: 0 };

/**
 * The screen's announcements kept current: Server-Sent Events (`/api/events`) apply
 * each change at once; a jittered poll of the feed catches anything the stream
 * missed and takes over while it is down. When the server cannot be reached the last
 * list stays (the service worker also keeps it for a reload). When an operator changes
 * this screen's settings the feed is fetched again at once, and when they ask its
 * devices to reload, `onReloadAsked` runs (the page sends its heartbeat, whose answer says).
 */
export function useScreenFeed(
  initial: { screen: ScreenConfig; items: Announcement[]; renderedAt: number },
  onCreated: (announcement: Announcement) => void,
  onReloadAsked: () => void = () => {},
): ScreenFeedState {
  const [state, setState] = useState<ScreenFeedState>(() => ({ screen: initial.screen, items: initial.items, syncedAt: initial.renderedAt, isLive: false, clockOffsetMs: 0 }));
  const stateRef = useRef(state);
  stateRef.current = state;
  const onCreatedRef = useRef(onCreated);
  onCreatedRef.current = onCreated;
  const onReloadAskedRef = useRef(onReloadAsked);
  onReloadAskedRef.current = onReloadAsked;
  const screenName = initial.screen.name;

  // Live events applied so far: a list fetched while one arrived may predate it, and is dropped.
  const eventCount = useRef(0);

  const refresh = useCallback(async (): Promise<boolean> => {
    signageStats.polls++;
    const started = Date.now();
    const eventsBefore = eventCount.current;
    try {
      const response = await fetch(`/api/signage/${encodeURIComponent(screenName)}/feed.json`, { cache: "no-cache" });
      if (!response.ok) return false;
      const isFromCache = response.headers.get("x-signage-cache") !== null;
      const feed = (await response.json()) as { screen: ScreenConfig; items: Announcement[] };
      if (eventCount.current !== eventsBefore) return false;
      const serverTime = Number(response.headers.get("x-server-time"));
      setState((previous) => {
        // The service worker's copy is older than what this page already shows, unless the page has nothing (a reload while the server is down).
        if (isFromCache) return previous.items.length > 0 ? previous : { ...previous, screen: feed.screen, items: feed.items };
        const clockOffsetMs = Number.isFinite(serverTime) && serverTime > 0 ? serverTime - (started + Date.now()) / 2 : previous.clockOffsetMs;
        return { ...previous, screen: feed.screen, items: feed.items, syncedAt: Date.now(), clockOffsetMs };
      });
      return !isFromCache;
    } catch {
      return false;
    }
  }, [screenName]);

  // The last time this device was in touch, kept across reloads (a page served from the
  // service worker's cache while the server is down says how old its content is).
  const syncKey = `crier-signage-synced:${screenName}`;
  useEffect(() => {
    try {
      const stored = Number(localStorage.getItem(syncKey));
      if (stored > 0) setState((previous) => (stored > previous.syncedAt ? { ...previous, syncedAt: stored } : previous));
    } catch {}
  }, [syncKey]);
  useEffect(() => {
    try {
      localStorage.setItem(syncKey, String(state.syncedAt));
    } catch {}
  }, [syncKey, state.syncedAt]);

  useEffect(() => {
    let source: EventSource;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource("/api/events");
      const onEvent = (message: MessageEvent<string>) => {
        let event: ScreenEvent;
        try {
          event = JSON.parse(message.data) as ScreenEvent;
        } catch {
          return;
        }
        signageStats.liveUpdates++;
        eventCount.current++;
        setState((previous) => {
          const items = applyScreenEvent(previous.items, event, previous.screen, Date.now() + previous.clockOffsetMs);
          return { ...previous, items, syncedAt: Date.now() };
        });
        if (event.type === "announcement.created") onCreatedRef.current(event.announcement);
        // Approvals are per screen and not in the event: a screen that waits for them asks the feed.
        if (stateRef.current.screen.approval && event.type !== "announcement.deleted") void refresh();
      };
      for (const type of ["announcement.created", "announcement.updated", "announcement.deleted"]) source.addEventListener(type, onEvent as EventListener);
      source.addEventListener("screen.changed", ((message: MessageEvent<string>) => {
        let event: { screen?: unknown; reload?: unknown };
        try {
          event = JSON.parse(message.data) as typeof event;
        } catch {
          return;
        }
        if (event.screen !== screenName) return;
        if (event.reload === true) onReloadAskedRef.current();
        else setTimeout(() => void refresh(), Math.random() * SCREEN_CHANGE_SPREAD_MS);
      }) as EventListener);
      source.addEventListener("reset", () => void refresh());
      source.onopen = () => {
        setState((previous) => ({ ...previous, isLive: true, syncedAt: Date.now() }));
        // Anything that happened while the stream was down: fetch the list again.
        void refresh();
      };
      source.onerror = () => {
        setState((previous) => (previous.isLive ? { ...previous, isLive: false } : previous));
        // A browser retries a dropped stream by itself, but not a refused one (503/429
        // when the server has as many streams as it allows): the poll carries on, and
        // the stream is asked for again later.
        if (source.readyState === EventSource.CLOSED) reopen = setTimeout(connect, REOPEN_MS * (0.7 + Math.random() * 0.6));
      };
    };
    connect();
    return () => {
      clearTimeout(reopen);
      source.close();
    };
  }, [refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const base = stateRef.current.isLive ? POLL_LIVE_MS : POLL_DOWN_MS;
      timer = setTimeout(async () => {
        await refresh();
        schedule();
      }, base * (0.7 + Math.random() * 0.6));
    };
    schedule();
    return () => clearTimeout(timer);
  }, [refresh]);

  return state;
}
