import { it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { convertActivity } from "../../../lib/announcements/from-activity-streams";
const root = "/work/shared/fixtures/activitypub";
it("dump", () => {
  const out: string[] = [];
  for (const dir of fs.readdirSync(root).sort()) {
    const d = path.join(root, dir);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) {
      const r = convertActivity(JSON.parse(fs.readFileSync(path.join(d, f), "utf8")));
      let s = `${dir}/${f}: ${r.kind}`;
      if (r.kind === "object") { const { html, ...rest } = r.draft; s += ` ${r.activityType}/${r.innerActivityType} actor=${r.actorUri}\n   ` + JSON.stringify({ ...rest, text: rest.text.slice(0, 300) }); }
      else if (r.kind === "collection") s += ` items=${r.items.length} next=${r.nextUri}`;
      else s += " " + JSON.stringify(r).slice(0, 300);
      out.push(s);
    }
  }
  fs.writeFileSync("/tmp/scratch-out.txt", out.join("\n"));
});
