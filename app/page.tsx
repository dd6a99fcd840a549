import { listAnnouncements } from "@/lib/announcements/listing";
import { AnnouncementItem } from "@/components/announcement-item";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const announcements = await listAnnouncements({ limit: 20 });
  return (
    <main>
      <h1>Public announcements</h1>
      <p>Announcements from your council and public services, newest first.</p>
      {announcements.length === 0 ? (
        <p className="notice">
          There are no announcements yet. If you run this site, sign in at <a href="/admin">the admin page</a> and follow your
          council&apos;s Fediverse account.
        </p>
      ) : (
        announcements.map((announcement) => <AnnouncementItem key={announcement.id} announcement={announcement} />)
      )}
    </main>
  );
}
