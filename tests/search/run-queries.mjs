// Runs queries through the search client that ships in the default theme, reading
// the index from a built site on disk instead of over HTTP.
//
// Each locale but `fallback` (the default locale, optional) is searched as the
// search page does: with the default locale's index to rescue weak results.
//
// stdin:  {"public": "<output dir>", "fallback": "en", "queries": [{"locale": "en", "q": "...", "limit": 10}]}
// stdout: [[{"url", "title", "heading", "passage"}...] per query]

import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const here = new URL(".", import.meta.url);
const client = await import(pathToFileURL(join(here.pathname, "../../themes/default/static/kbgen.js")));

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { public: root, queries, fallback } = JSON.parse(input);

const indexes = new Map();
async function indexFor(locale) {
  if (!indexes.has(locale)) {
    const dir = join(root, "search", locale);
    const meta = (await readdir(dir)).find((f) => f.startsWith("meta."));
    const load = async (url) => JSON.parse(await readFile(join(root, url), "utf8"));
    indexes.set(locale, new client.Index(`/search/${locale}/${meta}`, load));
  }
  return indexes.get(locale);
}

const out = [];
for (const { locale, q, limit } of queries) {
  const own = await indexFor(locale);
  const other = fallback && fallback !== locale ? await indexFor(fallback) : null;
  const hits = await client.searchLocale(own, other, q, limit ?? 10, fallback);
  out.push(hits.map(({ url, title, heading, passage }) => ({ url, title, heading, passage })));
}
process.stdout.write(JSON.stringify(out));
