import { ScreenFilterFields } from "./screen-filter-fields";
import type { ScreenConfig } from "@/lib/signage/types";

/** The fields of a screen's settings; a new screen also gets a name field. */
export function ScreenForm({ csrfToken, screen, defaultTimeZone = "UTC" }: { csrfToken: string; screen: ScreenConfig | null; defaultTimeZone?: string }) {
  const id = (field: string) => `screen-${screen?.name ?? "new"}-${field}`;
  const isDefault = screen?.name === "default";
  return (
    <form method="post" action="/admin/screens">
      <input type="hidden" name="csrf" value={csrfToken} />
      {screen ? (
        <input type="hidden" name="name" value={screen.name} />
      ) : (
        <>
          <p>
            <label htmlFor={id("name")}>Screen name (used in /signage/name)</label>
            <br />
            <input id={id("name")} name="name" type="text" pattern="[a-z0-9][a-z0-9\-]{0,39}" autoComplete="off" spellCheck={false} required />
          </p>
        </>
      )}
      <input type="hidden" name="mode" value={screen ? "update" : "create"} />
      {isDefault ? (
        <p>The default screen shows every announcement.</p>
      ) : (
        <>
          <p>
            <label htmlFor={id("accounts")}>Accounts to show (handles, separated by spaces or commas; empty with no hashtags: everything)</label>
            <br />
            <input id={id("accounts")} name="accounts" type="text" defaultValue={screen?.accounts.join(" ")} autoComplete="off" spellCheck={false} />
          </p>
          <p>
            <label htmlFor={id("hashtags")}>Hashtags to show</label>
            <br />
            <input id={id("hashtags")} name="hashtags" type="text" defaultValue={screen?.hashtags.map((tag) => `#${tag}`).join(" ")} autoComplete="off" spellCheck={false} />
          </p>
        </>
      )}
      <p>
        <label htmlFor={id("emergencyAccounts")}>Emergency accounts (their posts take over the screen)</label>
        <br />
        <input id={id("emergencyAccounts")} name="emergencyAccounts" type="text" defaultValue={screen?.emergencyAccounts.join(" ")} autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <label htmlFor={id("emergencyHashtags")}>Emergency hashtags</label>
        <br />
        <input id={id("emergencyHashtags")} name="emergencyHashtags" type="text" defaultValue={screen?.emergencyHashtags.map((tag) => `#${tag}`).join(" ")} autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <label htmlFor={id("emergencyMinutes")}>Minutes an emergency holds the screen</label>
        <br />
        <input id={id("emergencyMinutes")} name="emergencyMinutes" type="number" min={1} max={10080} defaultValue={screen?.emergencyMinutes ?? 120} />
      </p>
      <p>
        <label htmlFor={id("slideSeconds")}>Seconds per slide (empty: 10 s + 0.4 s a word)</label>
        <br />
        <input id={id("slideSeconds")} name="slideSeconds" type="number" min={3} max={600} defaultValue={screen?.slideSeconds ?? ""} />
      </p>
      <p>
        <label htmlFor={id("orientation")}>Orientation</label>
        <br />
        <select id={id("orientation")} name="orientation" defaultValue={screen?.orientation ?? "auto"}>
          <option value="auto">Follow the display</option>
          <option value="landscape">Landscape</option>
          <option value="portrait">Portrait (turns the picture on a landscape display)</option>
        </select>
      </p>
      <p>
        <label htmlFor={id("theme")}>Theme</label>
        <br />
        <select id={id("theme")} name="theme" defaultValue={screen?.theme ?? "dark"}>
          <option value="dark">White on black</option>
          <option value="light">Black on white</option>
          <option value="contrast">Yellow on black</option>
        </select>
      </p>
      <p>
        <label htmlFor={id("openingHours")}>Opening hours, like Mo-Fr 08:00-18:00; Sa 09:00-13:00 (empty: always on)</label>
        <br />
        <input id={id("openingHours")} name="openingHours" type="text" defaultValue={screen?.openingHours} autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <label htmlFor={id("timeZone")}>Time zone</label>
        <br />
        <input id={id("timeZone")} name="timeZone" type="text" defaultValue={screen?.timeZone ?? defaultTimeZone} autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <label htmlFor={id("closedMode")}>Outside opening hours</label>
        <br />
        <select id={id("closedMode")} name="closedMode" defaultValue={screen?.closedMode ?? "closed"}>
          <option value="closed">Show a calm “Closed” screen</option>
          <option value="blank">Blank the screen (black)</option>
        </select>
      </p>
      <ScreenFilterFields screen={screen} id={id} />
      <p>
        <label htmlFor={id("listen")}>Listen at the screen</label>
        <br />
        <select id={id("listen")} name="listen" defaultValue={screen?.listen === false ? "false" : "true"}>
          <option value="true">On: Listen button and key</option>
          <option value="false">Off</option>
        </select>
      </p>
      <p>
        <label htmlFor={id("listenKey")}>Key that reads the slide aloud (one character, or a name such as Enter or F9)</label>
        <br />
        <input id={id("listenKey")} name="listenKey" type="text" maxLength={30} defaultValue={screen?.listenKey ?? "Enter"} autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <button type="submit">{screen ? `Save ${screen.name}` : "Add screen"}</button>
      </p>
    </form>
  );
}
