import type { Metadata } from "next";
import { ListenPlayer } from "@/components/listen/listen-player";
import { listListenItems } from "@/lib/speech/listen-items";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Listen",
  description: "Announcements read aloud, with big play, pause, next and previous buttons.",
  alternates: { types: { "application/rss+xml": "/podcast.xml" } },
};

export default async function ListenPage({ searchParams }: { searchParams: Promise<{ id?: string | string[] }> }) {
  const { id } = await searchParams;
  const { items, startIndex } = await listListenItems(typeof id === "string" ? id : null);
  return <ListenPlayer items={items} startIndex={startIndex} />;
}
