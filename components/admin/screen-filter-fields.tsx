import type { ScreenConfig } from "@/lib/signage/types";

/** The screen form's exclusions and approval (yes/no as selects: an unticked checkbox would send nothing and could not switch a setting off). */
export function ScreenFilterFields({ screen, id }: { screen: ScreenConfig | null; id: (field: string) => string }) {
  return (
    <>
      <p>
        <label htmlFor={id("excludeHashtags")}>Hashtags never shown here</label>
        <br />
        <input id={id("excludeHashtags")} name="excludeHashtags" type="text" defaultValue={screen?.excludeHashtags?.map((tag) => `#${tag}`).join(" ")} autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <label htmlFor={id("excludeWords")}>Words or phrases never shown here (separated by commas)</label>
        <br />
        <input id={id("excludeWords")} name="excludeWords" type="text" defaultValue={screen?.excludeWords?.join(", ")} autoComplete="off" />
      </p>
      <p>
        <label htmlFor={id("excludeContentWarnings")}>Posts behind a content warning</label>
        <br />
        <select id={id("excludeContentWarnings")} name="excludeContentWarnings" defaultValue={screen?.excludeContentWarnings ? "true" : "false"}>
          <option value="false">Show them</option>
          <option value="true">Do not show them</option>
        </select>
      </p>
      <p>
        <label htmlFor={id("approval")}>New posts</label>
        <br />
        <select id={id("approval")} name="approval" defaultValue={screen?.approval ? "true" : "false"}>
          <option value="false">Show at once</option>
          <option value="true">Wait for approval (emergencies never wait)</option>
        </select>
      </p>
    </>
  );
}
