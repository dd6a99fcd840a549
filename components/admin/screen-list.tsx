import type { FleetScreen } from "@/lib/signage/types";
import { DeviceList } from "./device-list";
import { ScreenForm } from "./screen-form";

/** Each screen with its enrolled devices, reload and delete buttons, and its settings. */
export function ScreenList({ screens, csrfToken, timeZone }: { screens: FleetScreen[]; csrfToken: string; timeZone: string }) {
  return (
    <>
      {screens.map((screen) => (
        <section key={screen.name} aria-labelledby={`screen-${screen.name}`} data-key={screen.name}>
          <h3 id={`screen-${screen.name}`}>
            <a href={`/signage/${encodeURIComponent(screen.name)}`}>{screen.name}</a>
          </h3>
          {/* What its slide rotation shows now, drawn by the server (current.png), small; said in words when there is nothing. */}
          {screen.showingNow === null ? (
            <p>Nothing on {screen.name} now: no announcement matches its settings{screen.approval ? ", or every one waits for approval" : ""}. Its screens say “No announcements yet”.</p>
          ) : (
            <img
              className="console-thumb"
              src={`/api/signage/${encodeURIComponent(screen.name)}/current.png?width=640&height=360`}
              alt={`Screen ${screen.name} shows now: ${screen.showingNow}`}
              width={320}
              height={180}
              loading="lazy"
            />
          )}
          <DeviceList screen={screen} csrfToken={csrfToken} timeZone={timeZone} />
          <form method="post" action={`/admin/screens/${encodeURIComponent(screen.name)}/reload`}>
            <input type="hidden" name="csrf" value={csrfToken} />
            <button type="submit">Reload {screen.name} on every device</button>
          </form>
          <details>
            <summary>Settings of {screen.name}</summary>
            <ScreenForm csrfToken={csrfToken} screen={screen} />
          </details>
          {screen.name === "default" ? null : (
            <form method="post" action={`/admin/screens/${encodeURIComponent(screen.name)}/delete`}>
              <input type="hidden" name="csrf" value={csrfToken} />
              <button type="submit">Delete screen {screen.name}</button>
            </form>
          )}
        </section>
      ))}
    </>
  );
}
