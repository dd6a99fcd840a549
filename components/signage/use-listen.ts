"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Announcement } from "@/lib/announcements/types";

// Listening at the kiosk: a large "Listen" control on touch screens, and a key (a USB
// button that sends one) that plays the slide on screen through the kiosk's speakers.
// While it plays, the slide holds; it moves on when the audio ends (or is stopped).

export interface ListenState {
  audioRef: React.RefObject<HTMLAudioElement | null>;
  /** The announcement being read aloud, or null. */
  listeningId: string | null;
  /** Plays the current slide, or stops what plays. */
  toggle: () => void;
  /** Whether the screen is touched rather than clicked (the Listen control is shown there). */
  isTouch: boolean;
}

/** Plays `current`'s audio on `key` or the control; `isEnabled` false (?listen=off) does nothing. */
export function useListen(current: Announcement | null, isEnabled: boolean, key: string): ListenState {
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [listeningId, setListeningId] = useState<string | null>(null);
  const [isTouch, setIsTouch] = useState(false);
  const currentRef = useRef(current);
  currentRef.current = current;

  const stop = useCallback(() => {
    audioRef.current?.pause();
    setListeningId(null);
  }, []);

  const toggle = useCallback(() => {
    const audio = audioRef.current;
    const announcement = currentRef.current;
    if (!isEnabled || !audio || !announcement) return;
    if (listeningId) return stop();
    audio.src = `/api/announcements/${encodeURIComponent(announcement.id)}/audio.mp3`;
    setListeningId(announcement.id);
    audio.play().catch(() => setListeningId(null));
  }, [isEnabled, listeningId, stop]);

  useEffect(() => {
    setIsTouch(window.matchMedia("(pointer: coarse)").matches);
    const audio = audioRef.current;
    const onEnded = () => setListeningId(null);
    audio?.addEventListener("ended", onEnded);
    audio?.addEventListener("error", onEnded);
    return () => {
      audio?.removeEventListener("ended", onEnded);
      audio?.removeEventListener("error", onEnded);
    };
  }, []);

  useEffect(() => {
    if (!isEnabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== key || event.repeat) return;
      // A focused control keeps its own keys (Enter on the pause button pauses, nothing more).
      if (event.target instanceof Element && event.target.closest("button, a, input, select, textarea")) return;
      event.preventDefault();
      toggle();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isEnabled, key, toggle]);

  return { audioRef, listeningId, toggle, isTouch };
}
