"use client";

import { useEffect, useState } from "react";
import styles from "./listen-player.module.css";

// Speeds that keep the voice's pitch (preservesPitch), remembered on this device only.
// Shown once the page's script runs: without JavaScript there is no player to speed up.

export const SPEEDS = [0.75, 1, 1.25, 1.5] as const;
const STORAGE_KEY = "crier-listen-speed";

/** The speed this device chose last time, or 1. */
export function readSavedSpeed(): number {
  try {
    const saved = Number(window.localStorage.getItem(STORAGE_KEY));
    return (SPEEDS as readonly number[]).includes(saved) ? saved : 1;
  } catch {
    return 1;
  }
}

function saveSpeed(speed: number): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(speed));
  } catch {
    // Private browsing may refuse storage: the speed still applies to this visit.
  }
}

/** Radio buttons for the speed; `onChange` gets the speed chosen (and the saved one at start). */
export function SpeedControl({ speed, onChange }: { speed: number; onChange: (speed: number) => void }) {
  const [isReady, setIsReady] = useState(false);
  useEffect(() => {
    setIsReady(true);
    onChange(readSavedSpeed());
    // Once, at start: the speed saved on this device.
  }, []);
  if (!isReady) return null;
  return (
    <fieldset className={styles.speeds}>
      <legend>Speed</legend>
      {SPEEDS.map((value) => (
        <label key={value} className={styles.speed}>
          <input
            type="radio"
            name="speed"
            value={value}
            checked={speed === value}
            onChange={() => {
              saveSpeed(value);
              onChange(value);
            }}
          />
          {value === 1 ? "Normal (1×)" : `${value}×`}
        </label>
      ))}
    </fieldset>
  );
}
