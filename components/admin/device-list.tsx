import type { FleetScreen } from "@/lib/signage/types";
import { formatZonedTime } from "@/lib/zoned-time";

/**
 * One screen's enrolled devices (online when heard from in the last 2 minutes) with
 * a revoke button each, the names sending heartbeats without being enrolled, and the
 * "add device" form.
 */
export function DeviceList({ screen, csrfToken, timeZone }: { screen: FleetScreen; csrfToken: string; timeZone: string }) {
  const base = `/admin/screens/${encodeURIComponent(screen.name)}/devices`;
  const fieldId = `device-${screen.name}`;
  return (
    <>
      {screen.devices.length === 0 ? (
        <p>No device is enrolled for this screen yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Devices enrolled for {screen.name}</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Status</th>
              <th scope="col">Last seen</th>
              <th scope="col">Secret</th>
            </tr>
          </thead>
          <tbody>
            {screen.devices.map((device) => (
              <tr key={device.device} data-key={device.device}>
                <td>{device.device}</td>
                <td>{device.isOnline ? `Online, ${device.state}` : "Offline"}</td>
                <td>{device.lastSeen ? <time dateTime={device.lastSeen}>{formatZonedTime(device.lastSeen, timeZone, { seconds: true })}</time> : "Never"}</td>
                <td>
                  <form method="post" action={`${base}/${encodeURIComponent(device.device)}/revoke`}>
                    <input type="hidden" name="csrf" value={csrfToken} />
                    <button type="submit">Revoke {device.device}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {screen.unenrolled.length === 0 ? null : (
        <ul className="error">
          {screen.unenrolled.map((name) => (
            <li key={name}>A device named {name} is sending heartbeats without a secret: enrol it (add it below and give the kiosk its secret).</li>
          ))}
        </ul>
      )}
      <form method="post" action={base}>
        <input type="hidden" name="csrf" value={csrfToken} />
        <label htmlFor={fieldId}>Device name (the kiosk&apos;s CRIER_DEVICE)</label>{" "}
        <input id={fieldId} name="device" type="text" pattern="[A-Za-z0-9._\-]{1,64}" autoComplete="off" spellCheck={false} required />{" "}
        <button type="submit">Add device to {screen.name}</button>
      </form>
    </>
  );
}
