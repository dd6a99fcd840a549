import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findRenamedTerm } from "../../../lib/announcements/inline-context";

const AS = "https://www.w3.org/ns/activitystreams";

function body(context: unknown): Record<string, unknown> {
  return { "@context": [AS, context], type: "Create", actor: "https://council.example/users/news" };
}

function jsonFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) return jsonFiles(file);
    return /\.json(ld)?$/.test(name) ? [file] : [];
  });
}

describe("findRenamedTerm", () => {
  it.each([
    ["an alias of actor", { sender: { "@id": "as:actor", "@type": "@id" } }, /sender.*actor/],
    ["an alias by full IRI", { by: `${AS}#attributedTo` }, /by.*attributedTo/],
    ["actor redefined as attributedTo", { actor: "as:attributedTo" }, /redefines "actor"|makes "actor"/],
    ["actor redefined elsewhere", { actor: "https://evil.example/ns#actor" }, /redefines "actor"/],
    ["a keyword alias", { ident: "@id" }, /ident.*@id/],
    ["@vocab", { "@vocab": `${AS}#` }, /@vocab/],
    ["a reverse property", { wrote: { "@reverse": "as:attributedTo" } }, /reverse/],
    ["a key property renamed", { signer: "sec:owner" }, /signer.*owner/],
    ["a scoped context", { object: { "@id": "as:object", "@context": { sender: "as:actor" } } }, /scoped/],
  ])("refuses %s", (_label, context, reason) => {
    expect(findRenamedTerm(body(context))).toMatch(reason);
  });

  it("finds a renaming in an embedded object's own context", () => {
    const nested = { ...body({}), object: { "@context": { author: "as:attributedTo" }, type: "Note" } };
    expect(findRenamedTerm(nested)).toMatch(/author/);
  });

  it.each([
    ["Mastodon's extensions", { toot: "http://joinmastodon.org/ns#", sensitive: "as:sensitive", Hashtag: "as:Hashtag", featured: { "@id": "toot:featured", "@type": "@id" } }],
    ["Misskey's movedToUri", { movedToUri: "as:movedTo", quoteUrl: "as:quoteUrl" }],
    ["a term restating its own name", { manuallyApprovesFollowers: "as:manuallyApprovesFollowers", publicKey: { "@id": "sec:publicKey", "@type": "@id" } }],
    ["a language default", { "@language": "und" }],
  ])("accepts %s", (_label, context) => {
    expect(findRenamedTerm(body(context))).toBeNull();
  });

  const corpus = [path.resolve(import.meta.dirname, "../../../../shared/fixtures/activitypub"), path.resolve(import.meta.dirname, "../../fixtures")];
  const files = corpus.flatMap(jsonFiles);
  it(`accepts every real server's payload in the fixture corpora (${files.length} files)`, () => {
    if (!existsSync(corpus[0]!)) console.warn(`${corpus[0]} is absent: only the project's own fixtures are checked.`);
    expect(files.length).toBeGreaterThan(0);
    const refused = files.flatMap((file) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        return [];
      }
      const reason = findRenamedTerm(json);
      return reason === null ? [] : [`${file}: ${reason}`];
    });
    expect(refused).toEqual([]);
  });
});
