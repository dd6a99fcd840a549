import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignageScreen } from "@/components/signage/signage-screen";
import { SignageServiceWorker } from "@/components/signage/signage-service-worker";
import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/responses";
import { getPublicScreenFeed } from "@/lib/signage/feed";
import { parseSignagePageOptions } from "@/lib/signage/page-options";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ screen: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Screen ${(await params).screen.slice(0, 40)}`, robots: { index: false } };
}

export default async function SignagePage({ params, searchParams }: Props) {
  const feed = await getPublicScreenFeed((await params).screen).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) notFound();
    throw error;
  });
  const options = parseSignagePageOptions(await searchParams);
  return (
    <>
      <SignageServiceWorker />
      <SignageScreen initialFeed={{ ...feed, renderedAt: Date.now() }} publicUrl={getEnv().publicUrl} {...options} />
    </>
  );
}
