"use client";

import { useRef, useState, type ReactNode } from "react";
import { isPicture, srcsetFromMediaUrl } from "@/lib/announcements/media-paths";
import type { Announcement } from "@/lib/announcements/types";
import { QrCode } from "./qr-code";
import styles from "./signage.module.css";
import { formatTimeInWords } from "./time-in-words";
import { useFitText } from "./use-fit-text";

export interface SlideProps {
  announcement: Announcement;
  isEmergency: boolean;
  nowMs: number;
  timeZone: string;
  /** The content area in px (after any quarter turn), for the text floor and the layout. */
  size: { width: number; height: number };
  readerUrl: string;
  /** The "last updated" mark and the pause control, at the end of the footer. */
  controls: ReactNode;
}

/** One announcement, full screen: who and when, the text as large as fits, its picture with the description, a QR code to read on. */
export function SignageSlide({ announcement, isEmergency, nowMs, timeZone, size, readerUrl, controls }: SlideProps) {
  const box = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLDivElement>(null);
  const body = announcement.text.trim() || announcement.summary || "";
  const fit = useFitText(box, text, body, size);
  const image = announcement.attachments.find(isPicture);
  const isPortrait = size.height > size.width * 1.1;
  const caption = image ? describeImage(image.alt, announcement.sensitive) : null;
  const qrSize = Math.round(Math.min(size.width, size.height) * (isPortrait ? 0.2 : 0.16));
  return (
    <article className={`${styles.slide} ${isEmergency ? styles.emergency : ""} ${isPortrait ? styles.compact : ""}`} data-slide-id={announcement.id} data-priority={announcement.priority} aria-roledescription="slide">
      {isEmergency ? <p className={styles.emergencyBanner}>Emergency announcement</p> : null}
      <header className={styles.byline}>
        <p className={styles.account}>
          {announcement.account.name || announcement.account.handle}
          {announcement.account.official ? <span className={styles.official}> · official account</span> : null}
        </p>
        {announcement.sharedBy ? <p className={styles.when}>Shared by {announcement.sharedBy.name}</p> : null}
        <p className={styles.when}>{formatTimeInWords(announcement.updated ?? announcement.published, nowMs, timeZone, isPortrait)}{announcement.updated ? " (edited)" : ""}</p>
      </header>
      {announcement.summary && announcement.text.trim() ? <p className={styles.warning} lang={announcement.language} dir="auto">Content warning: {announcement.summary}</p> : null}
      <div className={`${styles.content} ${isPortrait ? styles.portrait : ""}`}>
        <div ref={box} className={styles.bodyBox}>
          <div ref={text} className={styles.bodyText} lang={announcement.language} dir="auto" data-font-px={fit.fontPx} />
        </div>
        {image && caption ? (
          <figure className={styles.picture}>
            {announcement.sensitive ? null : <SlidePicture url={image.url} sizes={isPortrait ? "100vw" : "50vw"} />}
            <figcaption lang={announcement.language} dir="auto">{caption}</figcaption>
          </figure>
        ) : null}
      </div>
      <footer className={styles.footer}>
        <QrCode url={readerUrl} size={qrSize} label="QR code: this announcement on the reader page" />
        <p className={styles.footerNote}>{fit.keptWords !== null ? "Continued on the reader page: scan the code" : isPortrait ? "Scan to read, listen or print" : "Read, listen to or print this: scan the code"}</p>
        {controls}
      </footer>
    </article>
  );
}

/** The picture from Crier's own origin (the feed gives its widest JPEG): AVIF or WebP where the browser takes them, in the width the screen needs. */
function SlidePicture({ url, sizes }: { url: string; sizes: string }) {
  const avif = srcsetFromMediaUrl(url, "avif");
  const webp = srcsetFromMediaUrl(url, "webp");
  const jpeg = srcsetFromMediaUrl(url, "jpg");
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  // The description below still says what it shows.
  if (failedUrl === url) return <p className={styles.unavailable}>Picture not available</p>;
  return (
    <picture>
      {avif ? <source type="image/avif" srcSet={avif} sizes={sizes} /> : null}
      {webp ? <source type="image/webp" srcSet={webp} sizes={sizes} /> : null}
      <img src={url} srcSet={jpeg ?? undefined} sizes={jpeg ? sizes : undefined} alt="" className={styles.image} onError={() => setFailedUrl(url)} />
    </picture>
  );
}

function describeImage(alt: string | null, isHidden: boolean): string {
  if (isHidden) return alt ? `Image hidden (content warning): ${alt}` : "Image hidden (content warning)";
  return alt ? `Image: ${alt}` : "Image without a description";
}
