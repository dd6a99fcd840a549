"use client";

import { useCallback, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import type { Announcement } from "@/lib/announcements/types";
import { SLIDE_THEMES } from "@/lib/render/slide-themes";
import { getPixelShift } from "@/lib/signage/rotation";
import type { ScreenConfig, ScreenState } from "@/lib/signage/types";
import { SignageSlide } from "./signage-slide";
import styles from "./signage.module.css";
import { formatClock } from "./time-in-words";
import { useDeviceName } from "./use-device-name";
import { useHeartbeat } from "./use-heartbeat";
import { useListen } from "./use-listen";
import { getSlideMs, useRotation } from "./use-rotation";
import { signageStats, useScreenFeed } from "./use-screen-feed";

export interface SignageScreenProps {
  /** The feed as the server rendered the page, and when (ms). */
  initialFeed: { screen: ScreenConfig; items: Announcement[]; renderedAt: number };
  publicUrl: string;
  /** ?kiosk=1: no pause control (a kiosk has no visitor to use it). */
  isKiosk: boolean;
  /** ?device=NAME, when valid. */
  device: string | null;
  /** ?speed=N, test-only acceleration of slide time. */
  speed: number;
}

/** Shown after the live stream has been down this long: the discreet "last updated" mark. */
const STALE_AFTER_MS = 10_000;

/** The kiosk page: rotation from the clock, live updates, emergencies, opening hours, heartbeats. */
export function SignageScreen({ initialFeed, publicUrl, isKiosk, device: deviceParam, speed }: SignageScreenProps) {
  const [featured, setFeatured] = useState<{ id: string; untilMs: number } | null>(null);
  const [pausedId, setPausedId] = useState<string | null>(null);
  const [viewport, setViewport] = useState({ width: 1920, height: 1080 });
  // Slides depend on the clock: render them only in the browser (no server/client mismatch).
  const [isMounted, setIsMounted] = useState(false);
  const settingsRef = useRef({ screen: initialFeed.screen, offset: 0 });
  const onCreated = useCallback((announcement: Announcement) => {
    const { screen, offset } = settingsRef.current;
    // A new announcement shows at once, for one slide's time, then the rotation resumes.
    setFeatured({ id: announcement.id, untilMs: (Date.now() + offset) * speed + getSlideMs(screen, announcement) });
  }, [speed]);
  // An operator's reload request: the heartbeat (set up below, once the device is known) asks whether it is for this device.
  const beatNowRef = useRef(() => {});
  const onReloadAsked = useCallback(() => beatNowRef.current(), []);
  const feed = useScreenFeed(initialFeed, onCreated, onReloadAsked);
  settingsRef.current = { screen: feed.screen, offset: feed.clockOffsetMs };
  // The slide being read aloud holds, like a paused one, until its audio ends.
  const [heldId, setHeldId] = useState<string | null>(null);
  const rotation = useRotation({ screen: feed.screen, items: feed.items, clockOffsetMs: feed.clockOffsetMs, speed, pausedId: pausedId ?? heldId, featured });
  const listen = useListen(rotation.current, feed.screen.listen !== false, feed.screen.listenKey || "Enter");
  if (listen.listeningId !== heldId) setHeldId(listen.listeningId);
  const device = useDeviceName(feed.screen.name, deviceParam);

  useLayoutEffect(() => {
    const measure = () => setViewport({ width: window.innerWidth, height: window.innerHeight });
    measure();
    setIsMounted(true);
    window.addEventListener("resize", measure);
    (window as unknown as { crierSignageStats: typeof signageStats }).crierSignageStats = signageStats;
    return () => window.removeEventListener("resize", measure);
  }, []);

  const isStale = !feed.isLive && Date.now() - feed.syncedAt > STALE_AFTER_MS;
  const state: ScreenState = rotation.mode === "emergency" ? "emergency" : rotation.mode === "closed" ? "closed" : isStale ? "offline-cache" : "rotating";
  beatNowRef.current = useHeartbeat(feed.screen.name, device, rotation.current?.id ?? null, state);

  const isTurned = (feed.screen.orientation === "portrait" && viewport.width > viewport.height) || (feed.screen.orientation === "landscape" && viewport.height > viewport.width);
  const size = isTurned ? { width: viewport.height, height: viewport.width } : viewport;
  const shift = getPixelShift(rotation.nowMs);
  const theme = SLIDE_THEMES[feed.screen.theme] ?? SLIDE_THEMES.dark;
  const style = {
    "--bg": theme.background, "--fg": theme.foreground, "--muted": theme.muted, "--accent": theme.accent, "--accent-text": theme.accentText,
    "--unit": `${size.height / 100}px`,
    "--wunit": `${size.width / 100}px`,
  } as CSSProperties;
  const stageStyle: CSSProperties = {
    width: size.width,
    height: size.height,
    transform: `translate(${shift.x}px, ${shift.y}px)${isTurned ? ` rotate(90deg) translateY(-100%)` : ""}`,
  };
  const controls = (
    <div className={styles.controls}>
      {isStale ? <p className={styles.status} role="status">Last updated {formatClock(feed.syncedAt + feed.clockOffsetMs, feed.screen.timeZone)}</p> : null}
      {isKiosk ? null : (
        <button type="button" className={styles.pause} aria-pressed={pausedId !== null} onClick={() => setPausedId((id) => (id ? null : (rotation.current?.id ?? null)))}>
          {pausedId ? "Play slides" : "Pause slides"}
        </button>
      )}
      {feed.screen.listen !== false && (listen.isTouch || !isKiosk) && rotation.current ? (
        <button type="button" className={styles.listen} onClick={listen.toggle}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="1em" height="1em" focusable="false">
            <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />
          </svg>
          {listen.listeningId ? "Stop" : "Listen"}
        </button>
      ) : null}
    </div>
  );
  return (
    <main className={styles.screen} style={style} data-state={state} data-mode={rotation.mode} data-device={device ?? ""} data-listening={listen.listeningId ?? ""}>
      <h1 className={styles.visuallyHidden}>Announcements on screen {feed.screen.name}</h1>
      <audio ref={listen.audioRef} preload="none" hidden />
      <div className={styles.stage} style={stageStyle}>
        {!isMounted ? null : rotation.current ? (
          // No key: the same slide element stays between announcements, so the pause button keeps keyboard focus.
          <SignageSlide
            announcement={rotation.current}
            isEmergency={rotation.mode === "emergency"}
            nowMs={rotation.nowMs}
            timeZone={feed.screen.timeZone}
            size={size}
            readerUrl={`${publicUrl}/announcements/${encodeURIComponent(rotation.current.id)}`}
            controls={controls}
          />
        ) : (
          <>
            {rotation.mode === "closed" && feed.screen.closedMode === "closed" ? (
              <div className={styles.closed}>
                <p>Closed</p>
                {feed.screen.openingHours ? <p>Opening hours: {feed.screen.openingHours}</p> : null}
              </div>
            ) : rotation.mode === "empty" ? (
              <p className={styles.empty}>No announcements yet.</p>
            ) : null}
            {rotation.mode === "closed" ? null : <div className={styles.floatingControls}>{controls}</div>}
          </>
        )}
      </div>
    </main>
  );
}
