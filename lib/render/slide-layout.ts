import { createElement, type CSSProperties, type ReactElement, type ReactNode } from "react";
import type { SlideTheme } from "./slide-themes.ts";

// The one slide layout: satori renders it to PNG, and the kiosk signage page can
// render the same component in the browser so the image and the page agree.
// Written with createElement rather than JSX because the render worker loads it
// with Node's type stripping, which does not read .tsx. Only flexbox and inline
// styles: the subset of CSS satori understands.

export interface SlideLayoutProps {
  width: number;
  height: number;
  theme: SlideTheme;
  fontFamily: string;
  accountName: string;
  isOfficial: boolean;
  /** A boost's sharer, credited after the author. */
  sharedBy: string | null;
  /** Already formatted for display. */
  date: string;
  summary: string | null;
  isEmergency: boolean;
  /** The body as shown (possibly cut, ending in "…"). */
  text: string;
  bodyFontSize: number;
  isRightToLeft: boolean;
  /** `aspect` is the picture's height over its width. */
  image: { src: string | null; aspect: number; alt: string | null; isHidden: boolean } | null;
  /** Shown when the text was cut: a QR code to the reader page and a short note. */
  continuation: { qrSrc: string; readerUrl: string } | null;
}

/** Box keys satori reports through onNodeDetected, for auto-fit and e-paper dithering. */
export const SLIDE_KEYS = { bodyBox: "slide-body-box", bodyText: "slide-body-text", image: "slide-image" } as const;

const h = (type: string, props: Record<string, unknown> & { style?: CSSProperties }, ...children: ReactNode[]): ReactElement =>
  createElement(type, props, ...children);

/** Sizes derived from the slide's short side, so every panel from 296×128 to 4K keeps proportions. */
export function getSlideMetrics(width: number, height: number) {
  const unit = Math.min(width, height);
  return {
    padding: Math.round(unit * 0.05),
    gap: Math.round(unit * 0.03),
    metaSize: Math.max(12, Math.round(unit * 0.034)),
    // A small panel has no room for a byline: the text matters most.
    hasByline: unit >= 240,
    isPortrait: height > width * 1.1,
  };
}

/** The slide as a React element tree (satori-compatible). */
export function SlideLayout(props: SlideLayoutProps): ReactElement {
  const { theme, width, height } = props;
  const metrics = getSlideMetrics(width, height);
  const direction = props.isRightToLeft ? "rtl" : "ltr";
  return h(
    "div",
    {
      style: {
        display: "flex", flexDirection: "column", boxSizing: "border-box", width, height,
        padding: metrics.padding, backgroundColor: theme.background, color: theme.foreground,
        fontFamily: props.fontFamily, borderTop: props.isEmergency ? `${metrics.gap}px solid ${theme.accent}` : undefined,
      },
    },
    metrics.hasByline ? renderByline(props, metrics.metaSize, metrics.gap) : null,
    props.summary ? renderWarning(props.summary, props.isRightToLeft, theme, metrics.metaSize * 1.25, metrics.gap) : null,
    h(
      "div",
      { style: { display: "flex", flexDirection: metrics.isPortrait ? "column" : "row", flexGrow: 1, flexBasis: 0, minHeight: 0, gap: metrics.gap } },
      h(
        "div",
        { key: "slide-body-box", style: { display: "flex", flexDirection: "column", flexGrow: 1, flexBasis: 0, minHeight: 0, minWidth: 0, overflow: "hidden" } },
        h(
          "div",
          {
            key: "slide-body-text", lang: undefined, dir: direction,
            style: { display: "flex", flexShrink: 0, fontSize: props.bodyFontSize, lineHeight: 1.3, whiteSpace: "pre-wrap", textAlign: props.isRightToLeft ? "right" : "left", wordBreak: "break-word" },
          },
          props.text,
        ),
      ),
      props.image ? renderImagePanel(props.image, metrics, theme, width, height) : null,
    ),
    props.continuation ? renderContinuation(props.continuation, metrics, theme) : null,
  );
}

function renderByline(props: SlideLayoutProps, size: number, gap: number): ReactElement {
  return h(
    "div",
    { style: { display: "flex", justifyContent: "space-between", alignItems: "baseline", gap, fontSize: size, color: props.theme.muted, marginBottom: gap, flexShrink: 0 } },
    // Words, not a check mark: Atkinson Hyperlegible has no ✓ and a badge means little to many readers.
    h("div", { style: { display: "flex", fontWeight: 700 } }, [props.isOfficial ? `${props.accountName} · official account` : props.accountName, props.sharedBy ? ` · Shared by ${props.sharedBy}` : ""].join("")),
    h("div", { style: { display: "flex", flexShrink: 0 } }, props.date),
  );
}

function renderWarning(summary: string, isRtl: boolean, theme: SlideTheme, size: number, gap: number): ReactElement {
  return h(
    "div",
    {
      style: {
        display: "flex", flexShrink: 0, fontSize: size, fontWeight: 700, lineHeight: 1.25, padding: `${Math.round(gap / 2)}px ${gap}px`,
        marginBottom: gap, backgroundColor: theme.accent, color: theme.accentText, textAlign: isRtl ? "right" : "left",
      },
    },
    // Words rather than ⚠: Twemoji's yellow sign vanishes on the yellow band.
    `Content warning: ${summary}`,
  );
}

function renderImagePanel(image: NonNullable<SlideLayoutProps["image"]>, metrics: ReturnType<typeof getSlideMetrics>, theme: SlideTheme, width: number, height: number): ReactElement {
  const caption = image.alt ? (image.isHidden ? `Image hidden (content warning): ${image.alt}` : `Image: ${image.alt}`) : image.isHidden ? "Image hidden (content warning)" : null;
  const panelSize = metrics.isPortrait ? { height: "42%", width: "100%" } : { width: "40%", height: "100%" };
  // The picture keeps its proportions at the top of its panel (satori has no aspect-ratio).
  const contentWidth = width - metrics.padding * 2;
  const panelWidth = metrics.isPortrait ? contentWidth : (contentWidth - metrics.gap) * 0.4;
  const pictureHeight = Math.round(Math.min(panelWidth * image.aspect, height * (metrics.isPortrait ? 0.3 : 0.55)));
  return h(
    "div",
    { style: { display: "flex", flexDirection: "column", flexShrink: 0, gap: Math.round(metrics.gap / 2), ...panelSize } },
    image.src && !image.isHidden
      ? h("img", { key: "slide-image", src: image.src, style: { flexShrink: 0, height: pictureHeight, width: "100%", objectFit: "contain" } })
      : null,
    caption
      ? h(
          "div",
          {
            style: {
              display: "flex", flexShrink: image.src && !image.isHidden ? 0 : 1, fontSize: metrics.metaSize, lineHeight: 1.3, color: theme.muted, overflow: "hidden",
              maxHeight: image.src && !image.isHidden ? metrics.metaSize * 1.3 * 3 : undefined,
              border: image.src && !image.isHidden ? undefined : `2px solid ${theme.muted}`, padding: image.src && !image.isHidden ? 0 : metrics.gap / 2,
            },
          },
          caption,
        )
      : null,
  );
}

function renderContinuation(continuation: NonNullable<SlideLayoutProps["continuation"]>, metrics: ReturnType<typeof getSlideMetrics>, theme: SlideTheme): ReactElement {
  const qrSize = Math.min(Math.round(metrics.metaSize * 5), 260);
  return h(
    "div",
    { style: { display: "flex", alignItems: "center", flexShrink: 0, gap: metrics.gap, marginTop: metrics.gap, fontSize: metrics.metaSize, color: theme.foreground } },
    h("img", { src: continuation.qrSrc, width: qrSize, height: qrSize, style: { width: qrSize, height: qrSize } }),
    h(
      "div",
      { style: { display: "flex", flexDirection: "column", flexShrink: 1, minWidth: 0 } },
      h("div", { style: { display: "flex", fontWeight: 700, fontSize: metrics.metaSize * 1.2 } }, "Continued on the reader page"),
      h("div", { style: { display: "flex", color: theme.muted, wordBreak: "break-all" } }, continuation.readerUrl),
    ),
  );
}
