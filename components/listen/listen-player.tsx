"use client";

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { ListenItem } from "@/lib/speech/listen-types";
import { ListenIcon } from "./listen-icons";
import styles from "./listen-player.module.css";
import { SpeedControl } from "./speed-control";

// Nothing plays until the listener presses Play (WCAG 1.4.2). Shortcut keys work only
// while focus is inside the player (WCAG 2.1.4), so they never take letters from a
// screen reader's browse mode or from the rest of the page.

const SHORTCUTS = { playPause: "k", previous: "j", next: "l" } as const;

function describe(item: ListenItem, index: number, count: number): string {
  return `${index + 1} of ${count}: ${item.listName}`;
}

/** The big-button audio player for /listen, with the transcript beside it. */
export function ListenPlayer({ items, startIndex }: { items: ListenItem[]; startIndex: number }) {
  const [index, setIndex] = useState(startIndex);
  const [isPlaying, setIsPlaying] = useState(false);
  const [status, setStatus] = useState("");
  const [speed, setSpeed] = useState(1);
  const audioRef = useRef<HTMLAudioElement>(null);
  const resumeAfterChange = useRef(false);
  const item = items[index];

  const stopDeviceVoice = () => {
    if (typeof window !== "undefined" && "speechSynthesis" in window) window.speechSynthesis.cancel();
  };

  const playCurrent = useCallback(() => {
    if (!item) return;
    if (item.audioUrl) {
      audioRef.current?.play().then(() => setIsPlaying(true), () => setStatus("The audio could not be played. Try again in a moment."));
      setStatus(`Playing ${describe(item, index, items.length)}`);
      return;
    }
    if (!("speechSynthesis" in window)) {
      setStatus("This announcement needs your device's voice, and this browser cannot read aloud. The text is beside the player.");
      return;
    }
    const synthesis = window.speechSynthesis;
    if (synthesis.paused && synthesis.speaking) synthesis.resume();
    else {
      synthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(item.deviceScript ?? "");
      utterance.lang = item.language;
      utterance.rate = speed;
      utterance.onend = () => setIsPlaying(false);
      synthesis.speak(utterance);
    }
    setIsPlaying(true);
    setStatus(`Reading with your device's voice: ${describe(item, index, items.length)}`);
  }, [item, index, items.length, speed]);

  // Each new announcement's audio element starts at the chosen speed, its pitch kept.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.preservesPitch = true;
    audio.defaultPlaybackRate = speed;
    audio.playbackRate = speed;
  }, [speed, index]);

  const pause = useCallback(() => {
    audioRef.current?.pause();
    if ("speechSynthesis" in window && window.speechSynthesis.speaking) window.speechSynthesis.pause();
    setIsPlaying(false);
    setStatus("Paused");
  }, []);

  const go = useCallback((step: number) => {
    const target = index + step;
    if (target < 0 || target >= items.length) {
      setStatus(step < 0 ? "This is the first announcement." : "This is the last announcement.");
      return;
    }
    resumeAfterChange.current = isPlaying;
    audioRef.current?.pause();
    stopDeviceVoice();
    setIsPlaying(false);
    setIndex(target);
    setStatus(`Announcement ${describe(items[target]!, target, items.length)}`);
  }, [index, items, isPlaying]);

  // After moving to another announcement, carry on playing only if the listener was listening.
  useEffect(() => {
    if (resumeAfterChange.current) {
      resumeAfterChange.current = false;
      playCurrent();
    }
  }, [index, playCurrent]);

  useEffect(() => () => stopDeviceVoice(), []);

  useEffect(() => {
    if (!("mediaSession" in navigator)) return;
    navigator.mediaSession.setActionHandler("play", playCurrent);
    navigator.mediaSession.setActionHandler("pause", pause);
    navigator.mediaSession.setActionHandler("previoustrack", () => go(-1));
    navigator.mediaSession.setActionHandler("nexttrack", () => go(1));
  }, [playCurrent, pause, go]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (key === SHORTCUTS.playPause) (isPlaying ? pause : playCurrent)();
    else if (key === SHORTCUTS.previous) go(-1);
    else if (key === SHORTCUTS.next) go(1);
    else return;
    event.preventDefault();
  };

  if (!item) {
    return (
      <main className={styles.root}>
        <h1>Listen to announcements</h1>
        <p>There are no announcements to listen to yet.</p>
      </main>
    );
  }

  return (
    <main className={styles.root}>
      <h1>Listen to announcements</h1>
      <div className={styles.layout}>
        <section className={styles.player} aria-labelledby="player-heading" onKeyDown={onKeyDown}>
          <h2 id="player-heading">Player</h2>
          <p className={styles.position}>Announcement {index + 1} of {items.length}</p>
          <div className={styles.controls} role="group" aria-label="Player controls">
            <button type="button" className={styles.button} onClick={() => go(-1)} aria-keyshortcuts="J" disabled={index === 0}>
              <ListenIcon name="previous" /> Previous
            </button>
            <button type="button" className={`${styles.button} ${styles.main}`} onClick={isPlaying ? pause : playCurrent} aria-keyshortcuts="K">
              <ListenIcon name={isPlaying ? "pause" : "play"} /> {isPlaying ? "Pause" : "Play"}
            </button>
            <button type="button" className={styles.button} onClick={() => go(1)} aria-keyshortcuts="L" disabled={index === items.length - 1}>
              Next <ListenIcon name="next" />
            </button>
          </div>
          <SpeedControl speed={speed} onChange={setSpeed} />
          <p className={styles.status} role="status">{status}</p>
          <p id="shortcuts">
            Keyboard: while a player button has focus, press <kbd>K</kbd> to play or pause, <kbd>J</kbd> for the previous
            announcement and <kbd>L</kbd> for the next. With a screen reader, use the buttons, or switch to focus mode first.
          </p>
          {item.audioUrl ? (
            <audio
              ref={audioRef}
              src={item.audioUrl}
              preload="none"
              onEnded={() => { setIsPlaying(false); if (index < items.length - 1) go(1); }}
              onPause={() => setIsPlaying(false)}
              onPlay={() => setIsPlaying(true)}
            />
          ) : (
            <p className={styles.note}>
              The server has no voice for this announcement&apos;s language, so your device&apos;s own voice reads it.
            </p>
          )}
          <p>
            <a href="/podcast.xml">Subscribe in a podcast app</a> (every announcement as an episode).
          </p>
        </section>
        <section className={styles.transcript} aria-labelledby="transcript-heading">
          <h2 id="transcript-heading">Transcript</h2>
          <div lang={item.language === "und" ? undefined : item.language} dir="auto">
            <p className={styles.meta}>
              <strong>{item.accountName}</strong>, <time dateTime={item.published}>{item.dateLabel}</time>
            </p>
            {item.summary ? <p><strong>Content warning:</strong> {item.summary}</p> : null}
            {item.paragraphs.map((paragraph, position) => <p key={position}>{paragraph}</p>)}
            {item.imageDescriptions.map((alt, position) => (
              <p key={`image-${position}`}>{alt ? `Image: ${alt}` : "An image without a description."}</p>
            ))}
          </div>
          {item.audioUrl ? <p><a href={item.audioUrl}>Download the audio (MP3)</a></p> : null}
        </section>
      </div>
      <nav aria-labelledby="all-heading" className={styles.all}>
        <h2 id="all-heading">All announcements</h2>
        <ol>
          {items.map((other, position) => (
            <li key={other.id}>
              <a href={`/listen?id=${encodeURIComponent(other.id)}`} aria-current={position === index ? "true" : undefined}>
                {other.listName}
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </main>
  );
}
