import type { FleetScreen } from "@/lib/signage/types";
import { ScreenForm } from "./screen-form";

/** Each screen with its devices (online when heard from in the last 2 minutes), reload and delete buttons, and its settings. */
export function ScreenList({ screens, csrfToken }: { screens: FleetScreen[]; csrfToken: string }) {
  return (
    <>
      {screens.map((screen) => (
        <section key={screen.name} aria-labelledby={`screen-${screen.name}`}>
          <h3 id={`screen-${screen.name}`}>
            <a href={`/signage/${encodeURIComponent(screen.name)}`}>{screen.name}</a>
          </h3>
          {screen.devices.length === 0 ? (
            <p>No device has shown this screen yet.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Devices showing {screen.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {screen.devices.map((device) => (
                  <tr key={device.device}>
                    <td>{device.device}</td>
                    <td>{device.isOnline ? `Online, ${device.state}` : "Offline"}</td>
                    <td><time dateTime={device.lastSeen}>{device.lastSeen.replace("T", " ").slice(0, 19)} UTC</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
