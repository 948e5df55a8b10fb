// kbgen contact flow: "Was this article helpful?" under articles, and the contact
// page's three steps. Progressive enhancement: without it the contact page lists
// every channel with its hours and the e-mail form still posts. No dependencies.
//
// Office hours: `isOpen` and `nextOpening` mirror src/contact/hours.rs; keep the
// two in step. Hours are wall-clock minutes in the channel's IANA zone.
//
// Test hooks (for browser tests, harmless for readers): `?now=<ISO 8601 instant>`
// fixes the clock, `?tz=<IANA zone>` stands in for the reader's time zone.

const DAY = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const LOOKAHEAD_DAYS = 62;
const formats = new Map();

/** The wall clock of `zone` at instant `t` (ms): date, weekday (Monday 0), minute. */
export function wall(t, zone) {
  if (!formats.has(zone)) {
    formats.set(zone, new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", weekday: "short",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    }));
  }
  const p = Object.fromEntries(formats.get(zone).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day, date: `${p.year}-${p.month}-${p.day}`, day: DAY[p.weekday], minute: +p.hour * 60 + +p.minute };
}

/** Open at `t`: the opening minute counts, the closing minute does not. */
export function isOpen(channel, t) {
  if (channel.always) return true;
  const w = wall(t, channel.zone);
  if (channel.closed.includes(w.date)) return false;
  return channel.week[w.day].some(([open, close]) => open <= w.minute && w.minute < close);
}

/** The instant wall time y-m-d + minute happens in `zone`, or null in a DST gap. */
function exactly(y, m, d, minute, zone) {
  const target = Date.UTC(y, m - 1, d, 0, minute);
  let t = target;
  for (let i = 0; i < 3; i++) {
    const w = wall(t, zone);
    const diff = Date.UTC(w.y, w.m - 1, w.d, 0, w.minute) - target;
    if (diff === 0) {
      // In the autumn overlap the same wall time happens twice: take the first.
      const earlier = wall(t - 3600e3, zone);
      return Date.UTC(earlier.y, earlier.m - 1, earlier.d, 0, earlier.minute) === target ? t - 3600e3 : t;
    }
    t -= diff;
  }
  return null;
}

/** Like hours.rs: in the spring gap an opening happens when the clock resumes. */
function instant(y, m, d, minute, zone) {
  for (let k = 0; k <= 180; k++) {
    const t = exactly(y, m, d, minute + k, zone);
    if (t !== null) return t;
  }
  return null;
}

/** The next opening after `now` (ms), or null when open now or not within two months. */
export function nextOpening(channel, now) {
  if (isOpen(channel, now)) return null;
  const today = wall(now, channel.zone);
  for (let n = 0; n <= LOOKAHEAD_DAYS; n++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + n));
    const date = day.toISOString().slice(0, 10);
    if (channel.closed.includes(date)) continue;
    for (const [open] of channel.week[(day.getUTCDay() + 6) % 7]) {
      const t = instant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), open, channel.zone);
      if (t !== null && t > now) return t;
    }
  }
  return null;
}

/** `t` as HH:MM in the reader's zone, with the weekday when it is not today there. */
export function readerTime(t, now, lang, zone) {
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  const sameDay = ymd.format(t) === ymd.format(now);
  return new Intl.DateTimeFormat(lang, {
    timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...(sameDay ? {} : { weekday: "short" }),
  }).format(t);
}

/** Which channel to offer first: the topic's most suitable one that is open now. */
export function best(topicChannels, channels, now) {
  return topicChannels.find((id) => channels[id] && isOpen(channels[id], now)) ?? null;
}

// ---- Browser -------------------------------------------------------------

const params = typeof location !== "undefined" ? new URLSearchParams(location.search) : new URLSearchParams();

function clock() {
  const fixed = Date.parse(params.get("now") || "");
  return Number.isNaN(fixed) ? Date.now() : fixed;
}

function readerZone() {
  const tz = params.get("tz");
  try {
    if (tz) return new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone;
  } catch { /* not a zone: the browser's own */ }
  return undefined;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");

/** Sends one answer to site.yaml's `feedback_endpoint`, or keeps it in the browser. */
async function record(box, form, fields) {
  const endpoint = box.dataset.endpoint;
  if (endpoint) {
    const body = new FormData(form);
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    if (await fetch(endpoint, { method: "POST", body }).then((r) => r.ok, () => false)) return;
  }
  for (const [k, v] of Object.entries(fields)) {
    try { localStorage.setItem(`kbgen-${k}:${box.dataset.feedback}`, v); } catch { /* private mode */ }
  }
}

/**
 * "Was this article helpful?": a "No" asks what went wrong, and the reason goes
 * with the reader into the contact flow (`&reason=`, `&article=`).
 */
function setupFeedback(box) {
  const form = box.querySelector("form.feedback");
  if (!form) return;
  form.hidden = false;
  const thanks = form.querySelector(".thanks");
  const reasons = box.querySelector(".reasons");
  const contact = box.querySelector(".contact-us a");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = e.submitter?.value || "";
    for (const b of form.querySelectorAll("button")) b.disabled = true;
    await record(box, form, { helpful: value });
    if (value === "no" && reasons) {
      reasons.hidden = false;
      reasons.querySelector("button").focus();
    } else {
      thanks.textContent = box.dataset.tThanks;
    }
  });
  reasons?.addEventListener("click", async (e) => {
    const reason = e.target.closest("button")?.value;
    if (!reason) return;
    for (const b of reasons.querySelectorAll("button")) {
      b.disabled = true;
      b.setAttribute("aria-pressed", String(b.value === reason));
    }
    await record(box, form, { helpful: "no", reason });
    if (contact) {
      const url = new URL(contact.href);
      url.searchParams.set("reason", reason);
      url.searchParams.set("article", location.pathname);
      contact.href = url.pathname + url.search;
      contact.closest("p").classList.add("offer");
    }
    thanks.textContent = contact ? box.dataset.tSorry : box.dataset.tSorryAlone;
    thanks.tabIndex = -1;
    thanks.focus();
  });
}

/**
 * On the contact page, what the reader's "No" on an article said: the reason
 * (one of the footer's) is shown and sent with the form; the article is linked
 * only as a path on this site.
 */
function showFeedback(root, form) {
  const note = root.querySelector(".from-article");
  const reason = params.get("reason") || "";
  const article = params.get("article") || "";
  const label = note?.querySelector(`[data-reason="${CSS.escape(reason)}"]`);
  if (!note || !label) return;
  form.elements.reason.value = reason;
  const link = note.querySelector("a");
  if (/^\/(?![/\\])/.test(article)) link.href = article; else link.removeAttribute("href");
  for (const other of note.querySelectorAll("[data-reason]")) other.hidden = other !== label;
  note.hidden = false;
}

function setupContact(root) {
  const d = root.dataset;
  const form = root.querySelector("#contact-form");
  const schedule = JSON.parse(document.getElementById("contact-schedule").textContent);
  const channels = Object.fromEntries(schedule.channels.map((c) => [c.id, c]));
  const topic = form.querySelector("#contact-topic");
  const orderField = form.querySelector("[data-field=order]");
  const question = form.querySelector("#contact-question");
  const list = root.querySelector(".channels");
  const zone = readerZone();
  const fixedNow = params.has("now");

  // Context from the link the reader followed.
  const wanted = params.get("topic");
  if (wanted && [...topic.options].some((o) => o.value === wanted)) topic.value = wanted;
  form.elements.from.value = params.get("from") || "";
  if (params.get("q")) question.value = params.get("q");
  showFeedback(root, form);
  const about = () => form.querySelector("input[name=about]:checked")?.value;
  const setAbout = (value) => { form.querySelector(`input[name=about][value=${value}]`).checked = true; };
  setAbout(topic.value === "order" ? "order" : "general");

  const update = () => {
    orderField.hidden = about() !== "order";
    const now = clock();
    const suits = schedule.topics[topic.value] || [];
    const first = best(suits, channels, now);
    for (const li of list.querySelectorAll("[data-channel]")) {
      const id = li.dataset.channel;
      const open = isOpen(channels[id], now);
      const next = open ? null : nextOpening(channels[id], now);
      li.hidden = !suits.includes(id);
      li.dataset.open = String(open);
      li.classList.toggle("best", id === first);
      const status = li.querySelector(".status");
      status.textContent = id === first ? `${d.tBest} · ${d.tOpen}` : open ? d.tOpen : next ? fill(d.tOpens, { time: readerTime(next, now, d.lang, zone) }) : "";
      if (next) li.dataset.opens = new Date(next).toISOString(); else delete li.dataset.opens;
      // A closed chat or phone cannot be started; its hours stay visible.
      const action = li.querySelector("a.button");
      if (action) action.closest(".action").hidden = !open;
    }
    const top = list.querySelector(".best");
    if (top && top !== list.firstElementChild) list.prepend(top);
  };
  form.addEventListener("change", (e) => {
    if (e.target.name === "about") {
      if (about() === "order") topic.value = "order";
      else if (topic.value === "order") topic.value = [...topic.options].find((o) => o.value === "general") ? "general" : topic.value;
    }
    if (e.target === topic) setAbout(topic.value === "order" ? "order" : "general");
    update();
  });
  update();
  if (!fixedNow) setInterval(update, 60e3);

  setupSteps(root, form, question);
  setupSuggestions(root, question);
  setupValidation(form, about);
}

/**
 * The three steps one at a time: the next is shown once the one before is
 * answered (a choice changed, a question typed, or "Continue"). A reader who
 * arrives with a topic has answered the first; one who comes from an article or
 * with a question (`from`, `q`) has tried the articles, and sees all three.
 */
function setupSteps(root, form, question) {
  const steps = [...root.querySelectorAll(".step")];
  let at = 0;
  const reveal = (n, focus) => {
    if (n > at) at = Math.min(n, steps.length - 1);
    steps.forEach((s, i) => { s.hidden = i > at; });
    if (focus) steps[n]?.querySelector("textarea, input:not([type=hidden]), h2")?.focus();
  };
  for (const p of root.querySelectorAll(".next")) p.hidden = false;
  steps[steps.length - 1].querySelector("h2").tabIndex = -1;
  reveal(params.get("q") || params.get("from") ? 2 : params.get("topic") ? 1 : 0);
  form.addEventListener("change", (e) => { if (steps[0].contains(e.target)) reveal(1); });
  question.addEventListener("input", () => { if (question.value.trim()) reveal(2); });
  root.addEventListener("click", (e) => {
    const next = e.target.closest("[data-next]");
    if (next) reveal(Number(next.dataset.next), true);
  });
}

function setupSuggestions(root, question) {
  const d = root.dataset;
  const out = root.querySelector(".suggestions");
  const button = root.querySelector("button.suggest");
  if (!d.search) return;
  button.hidden = false;
  let seq = 0;
  let timer;
  const suggest = async () => {
    const query = question.value.trim();
    const mine = ++seq;
    // Index.search decides what is too short to search (one Han character is not).
    if (!query) { out.replaceChildren(); return; }
    const { Index, answerCard } = await import(d.kbgen);
    root._index ||= new Index(d.search);
    const hits = await root._index.search(query, 5);
    if (mine !== seq) return;
    if (!hits.length) { out.replaceChildren(Object.assign(document.createElement("p"), { textContent: d.tNone })); return; }
    const strings = { answer: d.tAnswer, helpful: d.tHelpful, yes: d.tYes, no: d.tNo, thanks: d.tThanks, still: d.tStill, talk: d.tTalk };
    const card = answerCard(hits[0], query, strings, location.pathname);
    // The card's way out is step 3, on this very page.
    const talk = card.querySelector(".still a");
    if (talk) talk.setAttribute("href", "#step-support");
    const heading = Object.assign(document.createElement("h3"), { textContent: d.tSuggestions });
    const others = document.createElement("ul");
    others.className = "articles";
    for (const h of hits.slice(1)) {
      const a = Object.assign(document.createElement("a"), { href: h.url, textContent: h.title });
      const li = document.createElement("li");
      li.append(a);
      others.append(li);
    }
    out.replaceChildren(card, ...(hits.length > 1 ? [heading, others] : []));
  };
  question.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 300); });
  button.addEventListener("click", suggest);
  if (question.value.trim()) suggest();
}

/** Checks the form with messages in the page's language, listed in a summary. */
function setupValidation(form, about) {
  form.noValidate = true;
  const summary = form.querySelector(".contact-errors");
  const email = document.getElementById("contact-email");
  const checks = [
    [form.elements.order, () => about() !== "order" || form.elements.order.value.trim() !== ""],
    [form.elements.question, () => form.elements.question.value.trim() !== ""],
    [email, () => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.value.trim())],
  ];
  form.addEventListener("submit", (e) => {
    const failed = [];
    for (const [input, ok] of checks) {
      if (!input) continue;
      const error = document.getElementById(`${input.id}-error`);
      const good = ok();
      input.setAttribute("aria-invalid", String(!good));
      error.hidden = good;
      error.textContent = good ? "" : error.dataset.message;
      if (!good) failed.push([input, error.dataset.message]);
    }
    if (!failed.length) { summary.hidden = true; return; }
    e.preventDefault();
    summary.querySelector("ul").replaceChildren(...failed.map(([input, message]) => {
      const li = document.createElement("li");
      li.append(Object.assign(document.createElement("a"), { href: `#${input.id}`, textContent: message }));
      return li;
    }));
    summary.hidden = false;
    summary.focus();
  });
}

if (typeof document !== "undefined") {
  for (const box of document.querySelectorAll("[data-feedback]")) setupFeedback(box);
  const root = document.querySelector("[data-contact]");
  if (root) setupContact(root);
}
