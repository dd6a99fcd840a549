"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Announcement } from "@/lib/announcements/types";

// Listen at the kiosk: a "Listen" control on touch screens and a key (a USB button
// that sends a key works) play the current slide's audio through the kiosk's speakers.
// The slide holds until the audio ends. Where the server has no voice for a post
// (Japanese with kanji), the browser's own voice reads it.

export interface ListenState {
  /** The announcement being read aloud now, whose slide holds. */
  listeningId: string | null;
  /** Starts (or, pressed again, stops) reading the current slide. */
  toggle: () => void;
  /** Whether the screen can be touched (the control shows there, and on visitors' pages). */
  isTouch: boolean;
  audioRef: React.RefObject<HTMLAudioElement | null>;
}

// A key pressed in a field, or on a focused control (Enter on the pause button), is that control's.
function isForAControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A", "AUDIO", "SUMMARY"].includes(target.tagName));
}

/** Plays `current`'s audio on the key or the control, while `enabled` (the screen's `listen` setting). */
export function useListen(current: Announcement | null, enabled: boolean, key: string): ListenState {
  const [listeningId, setListeningId] = useState<string | null>(null);
  const [isTouch, setIsTouch] = useState(false);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const currentRef = useRef(current);
  currentRef.current = current;

  const stop = useCallback(() => {
    audioRef.current?.pause();
    if (typeof speechSynthesis !== "undefined") speechSynthesis.cancel();
    setListeningId(null);
  }, []);

  const speakOnDevice = useCallback((announcement: Announcement) => {
    if (typeof speechSynthesis === "undefined") return setListeningId(null);
    const utterance = new SpeechSynthesisUtterance(`${announcement.account.name ?? ""}. ${announcement.summary ?? ""} ${announcement.text}`);
    if (announcement.language !== "und") utterance.lang = announcement.language;
    utterance.onend = utterance.onerror = () => setListeningId((id) => (id === announcement.id ? null : id));
    speechSynthesis.speak(utterance);
  }, []);

  const toggle = useCallback(() => {
    const announcement = currentRef.current;
    const audio = audioRef.current;
    if (!announcement || !audio) return;
    if (listeningId === announcement.id) return stop();
    stop();
    setListeningId(announcement.id);
    audio.onended = () => setListeningId((id) => (id === announcement.id ? null : id));
    audio.onerror = () => speakOnDevice(announcement);
    audio.src = `/api/announcements/${encodeURIComponent(announcement.id)}/audio.mp3`;
    audio.play().catch((error: unknown) => {
      // Refused by the browser (no gesture) or no audio for this post: the device's voice, or nothing.
      if ((error as { name?: string })?.name !== "AbortError") speakOnDevice(announcement);
    });
  }, [listeningId, speakOnDevice, stop]);

  useEffect(() => {
    setIsTouch(window.matchMedia("(any-pointer: coarse)").matches);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== key || event.repeat || isForAControl(event.target)) return;
      // The key's own default (Enter on a focused button, Space scrolling) would act twice.
      event.preventDefault();
      toggle();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, key, toggle]);

  // The post left the screen (deleted, hidden) or listening was switched off: stop reading it.
  const currentId = current?.id ?? null;
  useEffect(() => {
    if (listeningId !== null && (!enabled || currentId !== listeningId)) stop();
  }, [currentId, enabled, listeningId, stop]);

  return { listeningId, toggle, isTouch, audioRef };
}
