import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getCsrfToken, getSessionKey, isAdminSession, SESSION_COOKIE } from "@/lib/admin/auth";
import { describeAdminMessage, takeAdminFlash } from "@/lib/admin/messages";
import { IssuedSecretNotice } from "@/components/admin/issued-secret";
import { listSubscriptions } from "@/lib/admin/admin-api";
import { FollowForm } from "@/components/admin/follow-form";
import { SignInForm } from "@/components/admin/sign-in-form";
import { SubscriptionList } from "@/components/admin/subscription-list";
import { ScreenForm } from "@/components/admin/screen-form";
import { ScreenList } from "@/components/admin/screen-list";
import { listFleet } from "@/lib/signage/fleet";
import { getEnv } from "@/lib/env";
import { isUtc } from "@/lib/time-zone";
import { abbreviateTimeZone } from "@/lib/zoned-time";
import { AnnouncementConsole } from "@/components/admin/announcement-console";
import { AuditLog } from "@/components/admin/audit-log";
import { listConsoleAnnouncements, listConsoleApprovals, listConsoleAudit } from "@/lib/admin/console";
import { ApprovalQueue } from "@/components/admin/approval-queue";
import { EmergencySummary } from "@/components/admin/emergency-summary";
import { SourceForm, SourceList } from "@/components/admin/source-list";
import { listSources } from "@/lib/cap/cap-sources";
import { listStoredEmergencies } from "@/lib/admin/emergency-lists";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin", robots: { index: false } };

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { notice, error, state = "", account = "" } = await searchParams;
  // Only fixed sentences, chosen by code: nothing from the address is shown as text.
  const message = describeAdminMessage(notice, error);
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (session === undefined || !(await isAdminSession(session))) {
    return (
      <main>
        <h1>Crier admin</h1>
        {message?.kind === "notice" ? <p className="notice" role="status">{message.text}</p> : null}
        <SignInForm error={message?.kind === "error" ? message.text : undefined} />
      </main>
    );
  }
  const csrfToken = getCsrfToken(session);
  const flash = message ? takeAdminFlash(getSessionKey(session)) : null;
  const text = message && flash?.detail ? `${message.text} ${flash.detail}` : message?.text;
  const [subscriptions, screens, announcements, audit, sources, emergencies] = await Promise.all([
    listSubscriptions(), listFleet(), listConsoleAnnouncements(state, account), listConsoleAudit(), listSources(), listStoredEmergencies(),
  ]);
  const env = getEnv();
  const approvals = await listConsoleApprovals(screens);
  return (
    <main>
      <h1>Crier admin</h1>
      {message?.kind === "notice" ? <p className="notice" role="status">{text}</p> : null}
      {message?.kind === "error" ? <p className="error" role="alert">{text}</p> : null}
      {flash?.issued ? <IssuedSecretNotice issued={flash.issued} /> : null}
      {/* public/console.js: live updates, said here (one polite region for the page); without JavaScript it stays empty. */}
      <p id="console-live" className="visually-hidden" role="status" aria-live="polite" />
      <script src="/console.js" async />
      <nav aria-label="Sections of this page">
        <ul className="plain-list inline-list">
          <li><a href="#announcements">Announcements</a></li>
          <li><a href="#approvals">Approvals</a></li>
          <li><a href="#accounts">Accounts</a></li>
          <li><a href="#screens">Screens</a></li>
          <li><a href="#emergencies">Emergencies</a></li>
          <li><a href="#audit">Audit log</a></li>
          <li><a href="#speech">Speech</a></li>
        </ul>
      </nav>
      <p>Times are in {isUtc(env.timeZone) ? "UTC" : `${env.timeZone} time`}, the council&apos;s zone (TIME_ZONE); each names its zone, such as “{abbreviateTimeZone(new Date(), env.timeZone)}”.</p>
      <section id="announcements" aria-labelledby="announcements-heading">
        <h2 id="announcements-heading">Announcements</h2>
        <AnnouncementConsole items={announcements} csrfToken={csrfToken} state={state} account={account} timeZone={env.timeZone} />
      </section>
      <section id="approvals" aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">Approvals</h2>
        <ApprovalQueue queues={approvals} csrfToken={csrfToken} />
      </section>
      <section id="accounts" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Accounts</h2>
        <p>Pending accounts appear as “Following” once they accept. Reload this page to see the latest state.</p>
        <SubscriptionList subscriptions={subscriptions} csrfToken={csrfToken} />
        <h3>Follow an account</h3>
        <FollowForm csrfToken={csrfToken} />
      </section>
      <section id="screens" aria-labelledby="screens-heading">
        <h2 id="screens-heading">Screens</h2>
        <p>Kiosk screens show /signage/name. Each kiosk is added to its screen as a device and gets a secret; a device is online when it sent a heartbeat in the last 2 minutes.</p>
        <ScreenList screens={screens} csrfToken={csrfToken} timeZone={env.timeZone} />
        <h3>Add a screen</h3>
        <ScreenForm csrfToken={csrfToken} screen={null} defaultTimeZone={env.timeZone} />
      </section>
      <section id="emergencies" aria-labelledby="emergencies-heading">
        <h2 id="emergencies-heading">Emergencies</h2>
        <EmergencySummary accounts={env.emergencyAccounts} hashtags={env.emergencyHashtags} stored={emergencies} csrfToken={csrfToken} timeZone={env.timeZone} />
        <h3>CAP sources</h3>
        <p>Warnings other agencies publish as CAP 1.2 (weather services, civil defence) become announcements credited to their source.</p>
        <SourceList sources={sources} csrfToken={csrfToken} timeZone={env.timeZone} />
        <h3>Add a CAP source</h3>
        <SourceForm csrfToken={csrfToken} />
      </section>
      <section id="audit" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <AuditLog entries={audit} timeZone={env.timeZone} />
      </section>
      <section id="speech" aria-labelledby="speech-heading">
        <h2 id="speech-heading">Speech</h2>
        <p><a href="/admin/lexicon">Pronunciation lexicon</a>: how speech says local names and words.</p>
      </section>
      <form method="post" action="/admin/session">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="action" value="sign-out" />
        <p><button type="submit">Sign out</button></p>
      </form>
    </main>
  );
}
