"use client";

import { useEffect, useMemo, useState } from "react";
import type { Announcement } from "@/lib/announcements/types";
import { getSlideDuration } from "@/lib/signage/durations";
import { getActiveEmergencies } from "@/lib/signage/live-update";
import { isOpenAt, parseOpeningHours, type OpeningRule } from "@/lib/signage/opening-hours";
import { pickByClock } from "@/lib/signage/rotation";
import type { ScreenConfig } from "@/lib/signage/types";
import { signageStats } from "./use-screen-feed";

export type RotationMode = "rotating" | "emergency" | "closed" | "empty";

export interface RotationInput {
  screen: ScreenConfig;
  items: Announcement[];
  clockOffsetMs: number;
  /** Test-only acceleration of slide time (?speed=); 1 in real use. */
  speed: number;
  /** A slide held on screen by the pause control. */
  pausedId: string | null;
  /** A just-arrived announcement shown at once, until this rotation-clock time. */
  featured: { id: string; untilMs: number } | null;
}

export interface RotationState {
  mode: RotationMode;
  current: Announcement | null;
  /** Real time (ms, server clock) this render is for. */
  nowMs: number;
  /** Position of the current slide, "3 of 12". */
  position: { index: number; count: number } | null;
}

/** Milliseconds a slide stays, from the screen's setting or its reading time. */
export function getSlideMs(screen: ScreenConfig, announcement: Announcement): number {
  return (screen.slideSeconds ?? getSlideDuration(announcement)) * 1000;
}

/**
 * Which slide shows now: an emergency takes over, outside opening hours the screen
 * is closed, otherwise the clock picks from the rotation (cycles counted from the
 * epoch, so every screen with the same list shows the same slide).
 */
export function useRotation(input: RotationInput): RotationState {
  const [tick, setTick] = useState(0);
  const rules = useMemo<OpeningRule[]>(() => {
    try {
      return parseOpeningHours(input.screen.openingHours);
    } catch {
      return [];
    }
  }, [input.screen.openingHours]);
  const nowMs = Date.now() + input.clockOffsetMs;
  const rotationMs = nowMs * input.speed;
  const emergencies = getActiveEmergencies(input.items, input.screen, nowMs);
  const isOpen = isOpenAt(rules, new Date(nowMs), input.screen.timeZone);
  const normal = input.items.filter((item) => item.priority === "normal");
  const list = emergencies.length > 0 ? emergencies : isOpen ? normal : [];
  const mode: RotationMode = emergencies.length > 0 ? "emergency" : !isOpen ? "closed" : normal.length === 0 ? "empty" : "rotating";
  const slot = pickByClock(list.map((item) => getSlideMs(input.screen, item)), rotationMs);
  let current = slot ? list[slot.index]! : null;
  let endMs = slot?.endMs ?? rotationMs + 60_000;
  const featured = input.featured && mode === "rotating" ? list.find((item) => item.id === input.featured!.id) : undefined;
  if (featured && input.featured!.untilMs > rotationMs) {
    current = featured;
    endMs = input.featured!.untilMs;
  }
  const paused = input.pausedId ? list.find((item) => item.id === input.pausedId) : undefined;
  if (paused) current = paused;

  const currentId = current?.id ?? null;
  useEffect(() => {
    signageStats.slideChanges++;
  }, [currentId, mode]);

  // Wake at the end of this slide, and at least every second (emergency expiry, opening hours, the clock on screen).
  const waitMs = Math.max(16, Math.min(1000, (endMs - rotationMs) / input.speed));
  useEffect(() => {
    const timer = setTimeout(() => setTick((value) => value + 1), waitMs);
    return () => clearTimeout(timer);
  }, [tick, waitMs, currentId]);

  const index = current ? list.indexOf(current) : -1;
  return { mode, current, nowMs, position: index >= 0 ? { index: index + 1, count: list.length } : null };
}
