"use client";

import QRCode from "qrcode";
import { useMemo } from "react";

/** A QR code drawn as SVG (dark modules on a light quiet zone, so phones read it on any theme). */
export function QrCode({ url, size, label }: { url: string; size: number; label: string }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
    let d = "";
    for (let y = 0; y < modules.size; y++) for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) d += `M${x + 2} ${y + 2}h1v1h-1z`;
    return { d, total: modules.size + 4 };
  }, [url]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${path.total} ${path.total}`} shapeRendering="crispEdges">
      <rect width={path.total} height={path.total} fill="#ffffff" />
      <path d={path.d} fill="#000000" />
    </svg>
  );
}
