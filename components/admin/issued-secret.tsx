import type { IssuedSecret } from "@/lib/admin/messages";

/** A new device's secret, shown once, with the kiosk settings that use it. */
export function IssuedSecretNotice({ issued }: { issued: IssuedSecret }) {
  return (
    <section aria-labelledby="issued-secret" className="notice">
      <h2 id="issued-secret">Secret for {issued.device} on {issued.screen}</h2>
      <p>Put these lines in the kiosk&apos;s /etc/crier-kiosk.env. The secret is not kept here and cannot be shown again; if it is lost, revoke the device and add it again.</p>
      <pre>
        <code>{`CRIER_SCREEN=${issued.screen}\nCRIER_DEVICE=${issued.device}\nCRIER_DEVICE_SECRET=${issued.secret}`}</code>
      </pre>
    </section>
  );
}
