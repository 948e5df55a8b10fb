// kbgen default theme script: language redirect on the root page, search as you
// type in the header, the search page and its answer card. Progressive
// enhancement only: every page works without it. No dependencies, no eval.
//
// The search client reads the index written by src/search (see its module docs).
// `fold` must stay in step with src/search/tokenize.rs.

const SPECIAL = { "ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th" };
const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercase, without diacritics. */
export function fold(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[łøßđðæœıþ]/g, (c) => SPECIAL[c]);
}

/** Query terms: folded words, and overlapping bigrams of Han text. */
export function terms(query) {
  const out = [];
  for (const [run] of query.toLowerCase().matchAll(WORD)) {
    // Split mixed runs into Han and non-Han parts.
    for (const [part] of run.matchAll(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) {
      if (!HAN.test(part)) out.push({ text: fold(part), han: false });
      else if (part.length === 1) out.push({ text: part, han: true });
      else for (let i = 0; i + 1 < part.length; i++) out.push({ text: part.slice(i, i + 2), han: true });
    }
  }
  return out;
}

/** A heading's anchor as the build derives it (derived_anchor in src/search/shard.rs). */
export const slug = (heading) => heading.toLowerCase().match(/[\p{Alphabetic}\p{N}]+/gu)?.join("-") ?? "section";

/**
 * Damerau-Levenshtein distance (optimal string alignment: two swapped letters are
 * one edit, "refnud" -> "refund"), or max + 1 once it is over `max`.
 */
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = null;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      best = Math.min(best, d);
    }
    // A row's minimum never falls again, swaps included (a swap costs what the
    // substitution before it did, plus one).
    if (best > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

// Match classes: exact form, another form of its stem (or a compound of it), a
// synonym (from the thesaurus), prefix, typo. A synonym's prefix or typo counts
// as the prefix or typo, times SYNONYM_OF.
const EXACT = 1, VARIANT = 0.85, SYNONYM = 0.7, PREFIX = 0.55, TYPO = 0.4, SYNONYM_OF = 0.8;
// A synonym of a word the index has: the writers' own word for it is probably
// that one, and its synonyms mostly add noise.
const SYNONYM_OF_KNOWN = 0.3, SYNONYM_CREDIT = 0.5;
// An article written for who the query says is asking ("bought", "seller").
const AUDIENCE = 1.3;
const MAX_PREFIX_FORMS = 8, MAX_TYPO_FORMS = 6, MAX_SHARDS = 2, MAX_SWAP_SHARDS = 2;
// The shortest part of a compound (MIN_PART in src/search/compound.rs).
const MIN_PART = 4;

// A group's postings in a term shard: one string of numbers, 5 bits a digit,
// the last digit first; a digit of the upper half says more follow
// (`Json::digits` in src/search/shard/json.rs).
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const DIGIT = new Map([...DIGITS].map((c, i) => [c.charCodeAt(0), i]));

/** The numbers of a postings string: section gap, impact and form of each posting. */
export function decodePostings(text) {
  const out = [];
  let value = 0, scale = 1;
  for (let i = 0; i < text.length; i++) {
    const d = DIGIT.get(text.charCodeAt(i));
    if (d >= 32) {
      value += (d - 32) * scale;
      scale *= 32;
    } else {
      out.push(value + d * scale);
      value = 0;
      scale = 1;
    }
  }
  return out;
}

/** How many numbers group `group`'s postings hold, without decoding them. */
function size(shard, group) {
  const p = shard.g[group];
  if (typeof p !== "string") return p.length;
  let n = 0;
  for (let i = 0; i < p.length; i++) if (DIGIT.get(p.charCodeAt(i)) < 32) n++;
  return n;
}

/** Group `group`'s postings in `shard`, decoded the first time they are asked for. */
function postings(shard, group) {
  const p = shard.g[group];
  return typeof p === "string" ? (shard.g[group] = decodePostings(p)) : p;
}

/** One locale's index. `load(url)` returns parsed JSON (fetch in the browser). */
export class Index {
  constructor(metaUrl, load = (url) => fetch(url).then((r) => r.json())) {
    this.metaUrl = metaUrl;
    this.base = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
    this.load = load;
    this.files = new Map();
  }

  file(path) {
    if (!this.files.has(path)) this.files.set(path, this.load(path));
    return this.files.get(path);
  }

  meta() {
    return this.file(this.metaUrl);
  }

  /** The shard that can hold `term`, and for a prefix the next ones too. */
  async shardsFor(term, prefix) {
    const { bounds, dir } = await this.meta();
    if (!bounds.length) return [];
    let lo = 0, hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= term) lo = mid; else hi = mid - 1;
    }
    const picked = [lo];
    for (let i = lo + 1; prefix && i < bounds.length && bounds[i].startsWith(term) && picked.length < MAX_SHARDS; i++) picked.push(i);
    return Promise.all(picked.map((i) => this.file(`${this.base}${dir}/t${i}.json`)));
  }

  /** Ranked hits: the best section of each matching article. */
  async search(query, limit = 8) {
    let list = terms(query);
    if (!list.length || (list.length === 1 && !list[0].han && list[0].text.length < 2)) return [];
    const meta = await this.meta();
    // Words like "my", "how", "is" say nothing about what is asked (meta `stop`,
    // from the thesaurus); a query of nothing else keeps them.
    const stop = new Set(meta.stop || []);
    const kept = list.filter((t) => !stop.has(t.text));
    if (kept.length) list = kept;
    const perTerm = await Promise.all(list.map((t, i) => this.matchTerm(t, i === list.length - 1)));
    const scores = new Map();
    let covered = 0;
    perTerm.forEach((m) => {
      for (const [sid, s] of m) {
        const cur = scores.get(sid) || [0, 0];
        const matched = cur[1] + (m.credit?.get(sid) ?? 1);
        scores.set(sid, [cur[0] + s, matched]);
        covered = Math.max(covered, matched);
      }
    });
    const best = new Map();
    for (const [sid, [score, matched]] of scores) {
      const doc = Math.floor(sid / meta.sections);
      const coverage = matched / list.length;
      const total = score * coverage * coverage;
      const cur = best.get(doc);
      if (!cur || total > cur.score) best.set(doc, { doc, section: sid % meta.sections, score: total });
    }
    // Words and phrases that say who is asking ("sold", "as a seller") boost the
    // articles for that audience. Phrases are matched on the whole query, stopwords
    // and all; Han ones anywhere in it.
    const who = new Set();
    const folded = fold(query);
    const flat = ` ${folded.match(WORD)?.join(" ") ?? ""} `;
    const says = (entry) => (HAN.test(entry) ? folded.includes(entry) : flat.includes(` ${entry} `));
    (meta.aud || []).forEach(([, words], i) => {
      if (words.some(says)) who.add(String.fromCharCode(97 + i));
    });
    if (who.size) for (const hit of best.values()) if (who.has(meta.ad?.[hit.doc])) hit.score *= AUDIENCE;
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.doc - b.doc);
    const shards = [...this.files.values()];
    const hits = await Promise.all(ranked.slice(0, limit).map((hit) => this.display(hit, meta, shards)));
    // How many articles matched, shown or not; how much of the query the best matched.
    hits.total = ranked.length;
    hits.coverage = covered / list.length;
    return hits;
  }

  /** Section id -> best weighted impact of this term. */
  async matchTerm(term, last) {
    const shards = await this.shardsFor(term.text, last || term.text.length >= 4);
    const out = new Map();
    // How much a match counts towards covering the query: a synonym of a word the
    // index has counts half, so it cannot lift a section over one with the word.
    out.credit = new Map();
    const add = (shard, group, weightOf, credit = 1) => {
      const p = postings(shard, group);
      for (let i = 0, sid = 0; i < p.length; i += 3) {
        sid += p[i];
        const s = p[i + 1] * weightOf(p[i + 2]);
        if (s > (out.get(sid) || 0)) {
          out.set(sid, s);
          out.credit.set(sid, credit);
        }
      }
    };
    const scan = (shard) => {
      const forms = shard.f;
      let exact = false, known = false;
      const synonyms = [];
      const prefixed = [];
      const typos = [];
      const max = term.text.length >= 8 ? 2 : 1;
      for (const [form, group, index] of forms) {
        // A synonym ([form, group]) has no form index of its own.
        const factor = index === undefined ? SYNONYM_OF : 1;
        if (form === term.text) {
          exact = true;
          if (index === undefined) synonyms.push(group);
          else {
            known = true;
            add(shard, group, (f) => (f === index ? EXACT : VARIANT));
          }
        } else if ((last || term.text.length >= 4) && form.startsWith(term.text)) {
          prefixed.push([size(shard, group) * factor, group, factor]);
        } else if (!term.han && term.text.length >= 4 && distance(form, term.text, max) <= max) {
          typos.push([size(shard, group) * factor, group, factor]);
        }
      }
      // Inside a query, a word the index does not know may be a shorter form of one
      // it does ("disputa" -> "disputas"); for the last word, it is being typed.
      const weight = known ? SYNONYM_OF_KNOWN : SYNONYM;
      synonyms.forEach((g) => add(shard, g, () => weight, known ? SYNONYM_CREDIT : 1));
      const best = (list, n) => list.sort((a, b) => b[0] - a[0]).slice(0, n);
      if (last || !exact) best(prefixed, MAX_PREFIX_FORMS).forEach(([, g, f]) => add(shard, g, () => PREFIX * f));
      if (!exact) best(typos, MAX_TYPO_FORMS).forEach(([, g, f]) => add(shard, g, () => TYPO * f));
    };
    shards.forEach(scan);
    // Two swapped letters move a word elsewhere in the sorted index ("refnud" sorts
    // before "refund"): a word nothing matched also looks in the shards its swaps
    // fall in.
    if (!out.size && !term.han && term.text.length >= 4) (await this.swapShards(term.text)).forEach(scan);
    if (!out.size && !term.han && term.text.length >= 2 * MIN_PART) return this.matchCompound(term.text, shards);
    return out;
  }

  /**
   * The term shards that words with two neighbouring letters of `word` swapped
   * fall in (the first letter kept), other than the word's own: the nearest
   * MAX_SWAP_SHARDS, as a swap near the end moves a word least.
   */
  async swapShards(word) {
    const { bounds, dir } = await this.meta();
    const at = (w) => {
      let lo = 0, hi = bounds.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bounds[mid] <= w) lo = mid; else hi = mid - 1;
      }
      return lo;
    };
    const own = at(word);
    const picked = new Set();
    for (let i = 1; i + 1 < word.length; i++) {
      const shard = at(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
      if (shard !== own) picked.add(shard);
    }
    const nearest = [...picked].sort((a, b) => Math.abs(a - own) - Math.abs(b - own)).slice(0, MAX_SWAP_SHARDS);
    return Promise.all(nearest.map((i) => this.file(`${this.base}${dir}/t${i}.json`)));
  }

  /**
   * A compound the index does not know ("verbraucherschlichtung"), in a language
   * the build decompounds (meta `links`): its longest first part that is a word of
   * the shards at hand, and the rest after a linking element, each matched as a
   * word; sections with both parts rank first.
   */
  async matchCompound(word, shards) {
    const { links } = await this.meta();
    const out = new Map();
    if (!links) return out;
    let head = "";
    for (const shard of shards) {
      for (const [form] of shard.f) {
        if (form.length > head.length && form.length >= MIN_PART && word.length - form.length >= MIN_PART && word.startsWith(form)) head = form;
      }
    }
    if (!head) return out;
    const rest = word.slice(head.length);
    for (const link of links) {
      const tail = rest.startsWith(link) ? rest.slice(link.length) : "";
      if (tail.length < MIN_PART) continue;
      const second = await this.matchTerm({ text: tail, han: false }, false);
      if (!second.size) continue;
      const first = await this.matchTerm({ text: head, han: false }, false);
      for (const sid of new Set([...first.keys(), ...second.keys()])) out.set(sid, ((first.get(sid) || 0) + (second.get(sid) || 0)) * VARIANT);
      break;
    }
    return out;
  }

  async display(hit, meta, shards) {
    let record;
    for (const p of shards) {
      const s = await p;
      const r = s.d && s.d[hit.doc];
      if (r && r[3][hit.section]) { record = r; break; }
    }
    if (!record) record = (await this.docShard(hit.doc, meta)).d[hit.doc];
    return show(hit, record, meta);
  }

  docShard(doc, meta) {
    return this.file(`${this.base}${meta.dir}/d${Math.floor(doc / meta.chunk)}.json`);
  }

  /** This index's doc id of the translation of `original`, a doc of the default locale's index. */
  async translationOf(original) {
    const meta = await this.meta();
    if (!meta.x) return undefined;
    // Runs of [own start, original start, length]; see source_runs in src/search/shard.rs.
    const { x } = await this.file(`${this.base}${meta.dir}/x.json`);
    for (let i = 0; i < x.length; i += 3) if (original >= x[i + 1] && original < x[i + 1] + x[i + 2]) return x[i] + original - x[i + 1];
    return undefined;
  }

  /** A hit of the default locale's index as this locale's translation: the section with the same anchor, else its start. */
  async translate(hit) {
    const doc = await this.translationOf(hit.doc);
    if (doc === undefined) return null;
    const meta = await this.meta();
    const record = (await this.docShard(doc, meta)).d[doc];
    const found = Object.keys(record[3]).find((k) => section(record[3][k])[0] === hit.anchor);
    return show({ doc, section: Number(found ?? 0), score: hit.score }, record, meta);
  }
}

/** [anchor, heading, passage] of a section's entry (see push_record in src/search/shard.rs). */
const section = (s) => (s.length === 3 ? s : s.length === 2 ? [slug(s[0]), s[0], s[1]] : ["", "", s[0]]);

/** A hit as the UI shows it, from its article's display record. */
function show(hit, record, meta) {
  const [title, cat, link, sections] = record;
  const [category, base] = meta.cats[cat] || ["", ""];
  const url = link.startsWith("/") ? link : base + link;
  const [anchor, heading, passage] = section(sections[hit.section] || [""]);
  return { title, url: anchor ? `${url}#${anchor}` : url, category, heading, passage, score: hit.score, lang: meta.lang, doc: hit.doc, anchor };
}

const page = (url) => url.split("#")[0];

/**
 * A locale's hits. When they are weak (none, or no hit has every word of the
 * query), the default locale's index is asked too ("Account", "Hotline" in a
 * German query): where it finds more, its hits come first, as this locale's
 * translations; those without one are shown as they are, labelled with
 * `foreignName`, only when the locale found nothing.
 */
export async function searchLocale(own, fallback, query, limit, foreignName) {
  const hits = await own.search(query, limit);
  if (!fallback || (hits.length && hits.coverage >= 1)) return hits;
  const foreign = await fallback.search(query, limit);
  if (!foreign.length || foreign.coverage <= (hits.length ? hits.coverage : 0)) return hits;
  const rescued = [];
  for (const hit of foreign) {
    const mine = await own.translate(hit);
    if (mine) {
      if (!rescued.some((r) => page(r.url) === page(mine.url))) rescued.push(mine);
    } else if (!hits.length) rescued.push({ ...hit, foreign: foreignName });
  }
  const rest = hits.filter((h) => !rescued.some((r) => page(r.url) === page(h.url)));
  return Object.assign([...rescued, ...rest].slice(0, limit), {
    total: Math.max(hits.total, rescued.length + rest.length),
    coverage: foreign.coverage,
  });
}

// ---- Browser UI ----------------------------------------------------------

/** Text with the query's words wrapped in <mark>, built without innerHTML. */
function highlight(text, query) {
  const frag = document.createDocumentFragment();
  const wanted = terms(query).map((t) => t.text).filter((t) => t.length > 1 || HAN.test(t));
  let last = 0;
  const re = /[\p{L}\p{N}]+/gu;
  for (const m of text.matchAll(re)) {
    const f = fold(m[0]);
    if (wanted.some((w) => (HAN.test(w) ? f.includes(w) : f.startsWith(w)))) {
      frag.append(text.slice(last, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.append(mark);
      last = m.index + m[0].length;
    }
  }
  frag.append(text.slice(last));
  return frag;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");

/** Searches the form's locale, with the default locale's index to rescue weak results. */
function run(form, query, limit) {
  const own = form._index || (form._index = new Index(form.dataset.search));
  const other = form.dataset.fallback && (form._fallback || (form._fallback = new Index(form.dataset.fallback)));
  return searchLocale(own, other, query, limit, form.dataset.fallbackName);
}

/**
 * The search log (site.yaml `search_log_endpoint`): each finished search is sent
 * once, with navigator.sendBeacon, as JSON without cookies or identifiers:
 * {"v": 1, "locale", "query", "results", "clicked": URL or null, "contact": bool}.
 * A search is finished when the reader leaves the page; the search box keeps only
 * the query typed last, not every keystroke.
 */
function searchLog(form) {
  const endpoint = form.dataset.searchLog;
  let pending = null;
  const send = () => {
    if (pending && navigator.sendBeacon) navigator.sendBeacon(endpoint, JSON.stringify(pending));
    pending = null;
  };
  if (endpoint) addEventListener("pagehide", send);
  return {
    start(query, results) {
      if (!endpoint) return;
      if (pending?.query === query) pending.results = results;
      else pending = { v: 1, locale: document.documentElement.lang, query, results, clicked: null, contact: false };
    },
    click(url) { if (pending) pending.clicked = url; },
    contact() { if (pending) pending.contact = true; },
    drop() { pending = null; },
  };
}

function setupCombobox(form, log) {
  const input = form.querySelector("[role=combobox]");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector("[role=status]");
  // Shown below the box when a query matches nothing (a listbox holds options only).
  const none = form.querySelector(".suggest-none");
  let active = -1;
  let seq = 0;
  const options = () => [...list.querySelectorAll("[role=option]")];
  const close = () => {
    list.hidden = true;
    if (none) none.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const select = (i) => {
    const opts = options();
    opts.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (opts[i]) input.setAttribute("aria-activedescendant", opts[i].id);
  };
  input.addEventListener("input", async () => {
    const query = input.value.trim();
    const mine = ++seq;
    if (!query || !form.dataset.search) return close();
    const hits = await run(form, query, 6);
    if (mine !== seq) return;
    log.start(query, hits.total ?? hits.length);
    list.replaceChildren(
      ...hits.map((h, i) =>
        el("li", { role: "option", id: `${list.id}-${i}`, "aria-selected": "false", "data-href": h.url },
          el("span", { class: "opt-title" }, highlight(h.title, query)),
          el("span", { class: "opt-where" }, h.foreign ? `${h.category} · ${h.foreign}` : h.heading || h.category))));
    status.textContent = fill(form.dataset.tResults, { count: hits.length });
    if (none) {
      none.textContent = fill(form.dataset.tNone || "", { query });
      none.hidden = hits.length > 0;
    }
    list.hidden = !hits.length;
    input.setAttribute("aria-expanded", String(!!hits.length));
    active = -1;
  });
  input.addEventListener("keydown", (e) => {
    const opts = options();
    if (e.key === "ArrowDown" && opts.length) {
      e.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      select((active + 1) % opts.length);
    } else if (e.key === "ArrowUp" && opts.length) {
      e.preventDefault();
      select((active - 1 + opts.length) % opts.length);
    } else if (e.key === "Enter" && active >= 0 && opts[active]) {
      e.preventDefault();
      log.click(opts[active].dataset.href);
      location.assign(opts[active].dataset.href);
    } else if (e.key === "Escape") {
      close();
    }
  });
  list.addEventListener("click", (e) => {
    const opt = e.target.closest("[role=option]");
    if (!opt) return;
    log.click(opt.dataset.href);
    location.assign(opt.dataset.href);
  });
  // The search page logs a submitted query itself.
  form.addEventListener("submit", () => log.drop());
  input.addEventListener("blur", () => setTimeout(close, 150));
}

/**
 * The answer card: the best section as an answer, with feedback and, when the
 * site has a contact page (`contactUrl`), a way out to a person.
 */
export function answerCard(hit, query, strings, contactUrl) {
  const thanks = el("p", { class: "thanks", role: "status" });
  const vote = (value) => () => {
    try { localStorage.setItem(`kbgen-answer:${hit.url}`, value); } catch { /* private mode */ }
    thanks.textContent = strings.thanks;
  };
  const yes = el("button", { type: "button" }, strings.yes);
  const no = el("button", { type: "button" }, strings.no);
  yes.addEventListener("click", vote("yes"));
  no.addEventListener("click", vote("no"));
  return el("section", { class: "answer", "aria-labelledby": "answer-title" },
    el("h2", { id: "answer-title" }, strings.answer),
    el("h3", {}, el("a", { href: hit.url }, hit.heading || hit.title)),
    el("p", {}, highlight(hit.passage, query)),
    el("div", { class: "feedback" }, el("span", {}, strings.helpful), yes, no),
    thanks,
    ...stillNeedHelp(strings.still, strings.talk, contactUrl, query));
}

/** "Still need help? Talk to support", into the contact page with the query; nothing without one. */
function stillNeedHelp(still, talk, contactUrl, query) {
  if (!contactUrl) return [];
  const contact = new URL(contactUrl, location.href);
  contact.searchParams.set("q", query);
  return [el("p", { class: "still" }, still, " ", el("a", { href: contact.pathname + contact.search, "data-contact": "" }, talk))];
}

// The search page shows as many hits as the search box first: the index carries
// them, so the first screen costs no extra request. "More results" loads the rest.
const PAGE_FIRST = 6, PAGE_MORE = 24;

async function setupSearchPage(page, form, log, limit = PAGE_FIRST) {
  const query = new URLSearchParams(location.search).get("q") || "";
  const input = form.querySelector("[role=combobox]");
  if (input) input.value = query;
  if (!query.trim()) return;
  const d = page.dataset;
  const hits = await run(form, query, limit);
  log.start(query, hits.total ?? hits.length);
  const strings = { answer: d.tAnswer, helpful: d.tHelpful, yes: d.tYes, no: d.tNo, thanks: d.tThanks, still: d.tStill, talk: d.tTalk };
  const out = [el("p", { role: "status" }, fill(hits.length ? d.tResultsFor : d.tNone, { query, count: hits.length }))];
  if (hits.length) {
    if (hits[0].foreign) out.push(el("p", { class: "notice" }, fill(d.tFallback, { language: hits[0].foreign })));
    out.push(answerCard(hits[0], query, strings, d.contact));
    // The answer card above already quotes the first hit's passage: its list entry
    // keeps the link and where it is, without saying the same words twice.
    out.push(el("ol", { class: "results" }, ...hits.map((h, i) =>
      el("li", h.foreign ? { lang: h.lang } : {},
        el("p", { class: "crumbs" }, `${h.category} › ${h.title}`),
        el("h2", {}, el("a", { href: h.url }, highlight(h.heading || h.title, query))),
        ...(i === 0 ? [] : [el("p", {}, highlight(h.passage, query))])))));
    if (hits.total > hits.length && limit < PAGE_MORE) {
      const more = el("button", { type: "button", class: "more" }, d.tMore);
      more.addEventListener("click", async () => {
        more.disabled = true;
        const first = hits.length;
        await setupSearchPage(page, form, log, PAGE_MORE);
        // Keyboard and screen reader users continue where the new hits start.
        page.querySelectorAll(".results a")[first]?.focus();
      });
      out.push(more);
    }
  } else {
    out.push(...stillNeedHelp(d.tStill, d.tTalk, d.contact, query));
  }
  page.replaceChildren(...out);
}

if (typeof document !== "undefined") {
  document.documentElement.classList.add("js");
  // The root page lists the languages; send the reader to the first one they prefer.
  const picker = document.querySelector("[data-language-picker]");
  if (picker) {
    const links = [...picker.querySelectorAll("a[data-locale]")];
    const byCode = new Map(links.map((a) => [a.dataset.locale.toLowerCase(), a]));
    const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
    const match = wanted
      .map((tag) => (tag || "").toLowerCase())
      .map((tag) => byCode.get(tag) ?? byCode.get(tag.split("-")[0]))
      .find(Boolean);
    location.replace((match ?? picker.querySelector("[data-default]") ?? links[0]).href);
  }
  // The header's search box, and the home and 404 pages' large one.
  const [form, ...others] = document.querySelectorAll("form[data-search]");
  for (const other of others) setupCombobox(other, searchLog(other));
  if (form) {
    const log = searchLog(form);
    setupCombobox(form, log);
    const page = document.querySelector("[data-search-page]");
    if (page) {
      page.addEventListener("click", (e) => {
        const a = e.target.closest("a[href]");
        if (a && a.hasAttribute("data-contact")) log.contact();
        else if (a) log.click(a.getAttribute("href"));
      });
      setupSearchPage(page, form, log);
    }
  }
}
