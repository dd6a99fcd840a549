import type { Metadata, Viewport } from "next";
import { getReaderContext } from "@/lib/reader/context";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Crier: public announcements", template: "%s · Crier" },
  description: "Announcements from your council and public services, in large print.",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icon.svg" },
};

// No maximum-scale: readers must always be able to pinch-zoom.
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { settings, locale } = await getReaderContext();
  return (
    <html lang={locale} data-theme={settings.theme} data-size={settings.size}>
      <body>{children}</body>
    </html>
  );
}
