#!/usr/bin/env node
// What one cold search query downloads, measured in headless Chromium:
// kbgen's own search client and (with --pagefind) Pagefind on the same built site.
//
//   node benches/search-bytes/run.mjs --site /dev/shm/out [--pagefind]
//        [--queries FILE | --locale en --query refund [--locale zh --query 退款 ...]]
//        [--warm-runs 5] [--encoding gzip|br|identity] [--json FILE] [--verbose]
//
// See README.md beside this file for what is counted.
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';

// ---------------------------------------------------------------- arguments
const USAGE = `usage: node run.mjs --site DIR [--pagefind] [--no-kbgen]
       [--queries FILE | --locale LOC --query TEXT ...] [--warm-runs N]
       [--encoding gzip|br|identity] [--chromium PATH] [--json FILE] [--verbose]`;

function parseArgs(argv) {
  const o = { site: null, pagefind: false, kbgen: true, queries: null, pairs: [], warmRuns: 5,
    encoding: 'gzip', chromium: '/usr/bin/chromium', json: null, verbose: false };
  let locale = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    switch (a) {
      case '--site': o.site = val(); break;
      case '--pagefind': o.pagefind = true; break;
      case '--no-kbgen': o.kbgen = false; break;
      case '--queries': o.queries = val(); break;
      case '--locale': locale = val(); break;
      case '--query':
        if (!locale) die('--query needs a --locale before it');
        o.pairs.push({ locale, query: val() });
        break;
      case '--warm-runs': o.warmRuns = Math.max(1, parseInt(val(), 10) || 1); break;
      case '--encoding': o.encoding = val(); break;
      case '--chromium': o.chromium = val(); break;
      case '--json': o.json = val(); break;
      case '--verbose': case '-v': o.verbose = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: die(`unknown argument ${a}\n${USAGE}`);
    }
  }
  if (!o.site) die(USAGE);
  if (!['gzip', 'br', 'identity'].includes(o.encoding)) die('--encoding: gzip, br or identity');
  return o;
}

function die(msg) {
  console.error(msg);
  process.exit(2);
}

// Default queries: per locale three single words and one two-word query, all taken
// from SEED_WORDS in shared/bench/gen_corpus.py (the most frequent real words of the
// generated corpus: refund, seller, shipping / order).
const DEFAULT_QUERIES = {
  en: ['refund', 'seller', 'shipping', 'refund seller'],
  es: ['reembolso', 'vendedor', 'envío', 'reembolso vendedor'],
  it: ['rimborso', 'venditore', 'spedizione', 'rimborso venditore'],
  fr: ['remboursement', 'vendeur', 'expédition', 'remboursement vendeur'],
  nl: ['terugbetaling', 'verkoper', 'verzending', 'terugbetaling verkoper'],
  de: ['rückerstattung', 'verkäufer', 'versand', 'rückerstattung verkäufer'],
  zh: ['退款', '卖家', '订单', '退款卖家'],
  pt: ['reembolso', 'vendedor', 'envio', 'reembolso vendedor'],
  pl: ['zwrot', 'sprzedawca', 'wysyłka', 'zwrot sprzedawca'],
};

function loadQueries(o) {
  if (o.pairs.length) return o.pairs;
  if (!o.queries) {
    return Object.entries(DEFAULT_QUERIES).flatMap(([locale, qs]) => qs.map((query) => ({ locale, query })));
  }
  const text = fs.readFileSync(o.queries, 'utf8');
  let data;
  try { data = JSON.parse(text); } catch { data = null; }
  if (data) {
    // [{locale, query}], [[locale, query]] or {locale: [query, ...]}
    if (Array.isArray(data)) {
      return data.map((x) => (Array.isArray(x) ? { locale: x[0], query: x[1] } : { locale: x.locale, query: x.query }));
    }
    return Object.entries(data).flatMap(([locale, qs]) => [].concat(qs).map((query) => ({ locale, query })));
  }
  // "locale<TAB>query" lines; blank lines and #-comments ignored
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
    const tab = l.indexOf('\t');
    if (tab < 0) die(`${o.queries}: line without a TAB: ${l}`);
    return { locale: l.slice(0, tab).trim(), query: l.slice(tab + 1).trim() };
  });
}

// ---------------------------------------------------------------- the site
function findKbgen(site, locales) {
  const assets = path.join(site, 'assets');
  const all = fs.existsSync(assets) ? fs.readdirSync(assets).filter((f) => /^kbgen\.[0-9a-z]+\.js$/i.test(f)) : [];
  // The script the pages load, if the home page of a locale names one; else the newest.
  let js = null;
  const meta = {};
  for (const loc of locales) {
    const home = path.join(site, loc, 'index.html');
    const html = fs.existsSync(home) ? fs.readFileSync(home, 'utf8') : '';
    const s = html.match(/<script[^>]+src="(\/[^"]*kbgen\.[0-9a-z]+\.js)"/i);
    if (s && !js) js = s[1];
    const d = html.match(/data-search="([^"]+)"/);
    meta[loc] = d ? d[1].replace(/&amp;/g, '&') : `/search/${loc}/meta.json`;
  }
  if (!js) {
    if (!all.length) die(`no assets/kbgen.*.js under ${site}`);
    all.sort((a, b) => fs.statSync(path.join(assets, b)).mtimeMs - fs.statSync(path.join(assets, a)).mtimeMs);
    js = `/assets/${all[0]}`;
  }
  if (!fs.existsSync(path.join(site, js))) die(`${js} (named by the pages) is not under ${site}`);
  for (const [loc, url] of Object.entries(meta)) {
    if (!fs.existsSync(path.join(site, url.split('?')[0]))) die(`${loc}: search index ${url} not under ${site}`);
  }
  return { js, meta };
}

// ---------------------------------------------------------------- the server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.png': 'image/png', '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.json', '.html', '.css', '.xml', '.txt', '.svg']);

const BENCH_PAGE = (lang) => `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title></head>
<body></body></html>`;

function startServer(root, encoding) {
  const log = []; // every response: {path, status, body, header}
  const cache = new Map(); // path + encoding -> compressed buffer
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel;
    try { rel = decodeURIComponent(url.pathname); } catch { rel = null; }
    res.on('finish', () => {
      log.push({ path: url.pathname, status: res.statusCode, body: res.bodyBytes || 0,
        header: Buffer.byteLength(res._header || '') });
    });
    const send = (status, headers, body) => {
      res.bodyBytes = body.length;
      res.writeHead(status, { ...headers, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (rel === '/__bench.html') {
      const lang = (url.searchParams.get('lang') || 'en').replace(/[^A-Za-z0-9-]/g, '');
      return send(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }, Buffer.from(BENCH_PAGE(lang)));
    }
    if (rel === null || rel.includes('\0')) return send(400, {}, Buffer.from('bad path'));
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) return send(403, {}, Buffer.from('forbidden'));
    try {
      let st = await fsp.stat(file);
      if (st.isDirectory()) {
        file = path.join(file, 'index.html');
        st = await fsp.stat(file);
      }
      const ext = path.extname(file).toLowerCase();
      const type = TYPES[ext] || 'application/octet-stream';
      // Hashed names or not, a CDN in front of a static site would let browsers keep
      // files for a while; the warm query then shows what each engine fetches again.
      const headers = { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' };
      const accepts = String(req.headers['accept-encoding'] || '');
      const want = encoding === 'br' ? 'br' : 'gzip';
      if (encoding !== 'identity' && COMPRESSIBLE.has(ext) && new RegExp(`\\b${want}\\b`).test(accepts)) {
        const key = `${file}\n${want}`;
        let body = cache.get(key);
        if (!body) {
          const raw = await fsp.readFile(file);
          body = want === 'br'
            ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
            : zlib.gzipSync(raw, { level: 6 });
          cache.set(key, body);
        }
        return send(200, { ...headers, 'Content-Encoding': want, Vary: 'Accept-Encoding' }, body);
      }
      // Everything else as it is: Pagefind's .pagefind / .pf_* files are gzip already
      // and Pagefind's client inflates them itself.
      return send(200, headers, await fsp.readFile(file));
    } catch {
      return send(404, { 'Content-Type': 'text/plain' }, Buffer.from('not found'));
    }
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, log, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---------------------------------------------------------------- the browser
async function launch(executablePath) {
  if (!fs.existsSync(executablePath)) {
    die(`${executablePath} is missing: apt-get update && apt-get install -y chromium (or pass --chromium PATH)`);
  }
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kbgen-search-bytes-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { browser, userDataDir };
}

/** Network traffic seen by CDP on the page and on its workers, from start() on. */
function watchNetwork(page) {
  const reqs = new Map(); // requestId -> {url, bytes, done, failed, phase}
  let phase = null;
  const listen = (client) => {
    client.on('Network.requestWillBeSent', (e) => {
      if (!phase || e.request.url.startsWith('data:')) return;
      if (!reqs.has(e.requestId)) reqs.set(e.requestId, { url: e.request.url, bytes: 0, done: false, failed: false, phase });
    });
    client.on('Network.loadingFinished', (e) => {
      const r = reqs.get(e.requestId);
      if (r) { r.bytes = e.encodedDataLength; r.done = true; }
    });
    client.on('Network.loadingFailed', (e) => {
      const r = reqs.get(e.requestId);
      if (r) { r.failed = true; r.done = true; }
    });
  };
  // puppeteer enables the Network domain on the page and on every worker it attaches
  // (Pagefind searches in a worker). The server's own log is the count that is
  // reported; this one only checks it.
  const ready = typeof page._client === 'function'
    ? (listen(page._client()), Promise.resolve())
    : page.createCDPSession().then((c) => { listen(c); return c.send('Network.enable'); });
  page.on('workercreated', (w) => listen(w.client));
  return {
    ready,
    start(p) { phase = p; },
    stop() { phase = null; },
    of(p) { return [...reqs.values()].filter((r) => r.phase === p); },
    async idle(ms = 150, timeout = 10_000) {
      const t0 = Date.now();
      let quietSince = Date.now();
      while (Date.now() - t0 < timeout) {
        if ([...reqs.values()].some((r) => !r.done)) quietSince = Date.now();
        else if (Date.now() - quietSince >= ms) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    },
  };
}

// Runs in the page. Returns what the first (cold) query found and how long it took.
async function pageCold(engine, a) {
  const t0 = performance.now();
  if (engine === 'kbgen') {
    const m = await import(a.js);
    const ix = new m.Index(a.meta);
    window.__bench = { run: () => ix.search(a.query, a.limit) };
  } else {
    const pf = await import('/pagefind/pagefind.js');
    window.__bench = {
      run: async () => {
        const r = await pf.search(a.query);
        const data = await Promise.all(r.results.slice(0, a.limit).map((x) => x.data()));
        return { total: r.results.length, data };
      },
    };
  }
  const out = await window.__bench.run();
  const ms = performance.now() - t0;
  if (engine === 'kbgen') {
    return { ms, total: out.length, hits: out.map((h) => ({ title: h.title, url: h.url, text: h.passage || h.heading || '' })) };
  }
  return { ms, total: out.total,
    hits: out.data.map((d) => ({ title: (d.meta && d.meta.title) || '', url: d.url, text: d.excerpt || '' })) };
}

// Runs in the page: the same query again, `runs` times, each timed.
async function pageWarm(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await window.__bench.run();
    times.push(performance.now() - t0);
  }
  return times;
}

// ---------------------------------------------------------------- measuring
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure({ browser, srv, engine, locale, query, kb, warmRuns, verbose }) {
  const context = await browser.createBrowserContext(); // its own empty cache
  try {
    const page = await context.newPage();
    const net = watchNetwork(page);
    await net.ready;
    page.on('pageerror', (e) => console.error(`  page error (${engine} ${locale}): ${e.message}`));
    const lang = encodeURIComponent(locale);
    await page.goto(`${srv.origin}/__bench.html?lang=${lang}`, { waitUntil: 'load' });
    await net.idle(50);

    const mark0 = srv.log.length;
    net.start('cold');
    const args = engine === 'kbgen'
      ? { js: kb.js, meta: kb.meta[locale] || `/search/${locale}/meta.json`, query, limit: 6 }
      : { query, limit: 6 };
    const cold = await page.evaluate(pageCold, engine, args);
    await net.idle();
    net.stop();
    const mark1 = srv.log.length;

    net.start('warm');
    const warm = await page.evaluate(pageWarm, warmRuns);
    await net.idle();
    net.stop();
    const mark2 = srv.log.length;

    const cdpCold = net.of('cold');
    const cdpWarm = net.of('warm');
    const srvCold = srv.log.slice(mark0, mark1);
    const srvWarm = srv.log.slice(mark1, mark2);
    const row = {
      engine, locale, query,
      requests: srvCold.length,
      bodyBytes: srvCold.reduce((s, r) => s + r.body, 0),
      headerBytes: srvCold.reduce((s, r) => s + r.header, 0),
      wireBytes: srvCold.reduce((s, r) => s + r.body + r.header, 0),
      cdpRequests: cdpCold.length,
      cdpBytes: cdpCold.reduce((s, r) => s + r.bytes, 0),
      warmRequests: srvWarm.length,
      warmBytes: srvWarm.reduce((s, r) => s + r.body, 0),
      coldMs: cold.ms,
      warmMs: median(warm),
      warmAll: warm,
      total: cold.total,
      hits: cold.hits,
      files: srvCold.map((r) => ({ path: r.path, status: r.status, body: r.body, header: r.header })),
      cdp: cdpCold.map((r) => ({ url: r.url, bytes: r.bytes, done: r.done, failed: r.failed })),
      warnings: [],
    };
    if (!row.total) row.warnings.push('no hits');
    const seen = (xs) => xs.map((x) => x).sort().join('\n');
    if (seen(cdpCold.map((r) => new URL(r.url).pathname)) !== seen(srvCold.map((r) => r.path))) {
      row.warnings.push(`CDP saw ${row.cdpRequests} requests, the server answered ${row.requests} (or other paths)`);
    }
    const bad = srvCold.filter((r) => r.status !== 200);
    if (bad.length) row.warnings.push(`not 200: ${bad.map((r) => `${r.status} ${r.path}`).join(', ')}`);
    if (engine === 'pagefind') {
      // Did Pagefind pick this locale's index from <html lang>?
      const paths = srvCold.map((r) => r.path);
      if (!paths.some((p) => p.endsWith('/pagefind-entry.json'))) row.warnings.push('no pagefind-entry.json request');
      if (!paths.some((p) => new RegExp(`/pagefind\\.${locale}_[0-9a-f]+\\.pf_meta$`).test(p))) {
        row.warnings.push(`no pagefind.${locale}_*.pf_meta request (language not picked)`);
      }
      const wasm = paths.filter((p) => /\/wasm\.[^/]+\.pagefind$/.test(p)).map((p) => p.replace(/.*\/wasm\.|\.pagefind$/g, ''));
      row.wasm = wasm.join(',');
      if (wasm.length !== 1 || (wasm[0] !== locale && wasm[0] !== 'unknown')) row.warnings.push(`wasm loaded: ${row.wasm || 'none'}`);
    }
    const prefix = `/${locale}/`;
    const foreign = row.hits.filter((h) => h.url && !new URL(h.url, srv.origin).pathname.startsWith(prefix));
    if (foreign.length) row.warnings.push(`${foreign.length} of ${row.hits.length} hits outside ${prefix}`);
    if (verbose) {
      console.error(`${engine} ${locale} "${query}": ${row.total} hits`);
      for (const f of row.files) console.error(`   ${String(f.body).padStart(8)} B  ${f.status} ${f.path}`);
      for (const c of row.cdp) console.error(`   cdp ${String(c.bytes).padStart(8)} B  ${c.failed ? 'failed ' : ''}${c.url}`);
      for (const h of row.hits) console.error(`   hit: ${h.title} <${h.url}>`);
    }
    return row;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- output
function table(rows, cols) {
  const cells = rows.map((r) => cols.map((c) => String(c.get(r))));
  const widths = cols.map((c, i) => Math.max(c.name.length, ...cells.map((r) => [...r[i]].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0))));
  const pad = (s, w, right) => {
    const len = [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const fill = ' '.repeat(Math.max(0, w - len));
    return right ? fill + s : s + fill;
  };
  const line = (vals) => vals.map((v, i) => pad(v, widths[i], cols[i].right)).join('  ').trimEnd();
  return [line(cols.map((c) => c.name)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const kb = (b) => (b / 1024).toFixed(1);
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const clip = (s, n) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);

function report(rows, o, kbInfo, site) {
  const out = [];
  out.push(`site: ${site}`);
  if (kbInfo) out.push(`kbgen client: ${kbInfo.js}`);
  out.push(`served with ${o.encoding === 'identity' ? 'no compression' : `${o.encoding} on the fly`} for .js .json .html .css; Pagefind's .pagefind/.pf_* files as they are`);
  out.push(`requests, KB: everything fetched after the blank page loaded, for the first query on that page (6 results with their text)`);
  out.push(`hits: results shown (at most 6), of: Pagefind's total result count; KB gz: response bodies as sent; KB wire: bodies + HTTP/1.1 response headers; warm ms: median of ${o.warmRuns} repeats of the same query on the same page`);
  out.push('');
  out.push(table(rows, [
    { name: 'engine', get: (r) => r.engine },
    { name: 'locale', get: (r) => r.locale },
    { name: 'query', get: (r) => r.query },
    { name: 'requests', get: (r) => r.requests, right: true },
    { name: 'KB gz', get: (r) => kb(r.bodyBytes), right: true },
    { name: 'KB wire', get: (r) => kb(r.wireBytes), right: true },
    { name: 'cold ms', get: (r) => ms(r.coldMs), right: true },
    { name: 'warm ms', get: (r) => ms(r.warmMs), right: true },
    { name: 'warm req', get: (r) => r.warmRequests, right: true },
    { name: 'hits', get: (r) => r.hits.length, right: true },
    { name: 'of', get: (r) => (r.engine === 'pagefind' ? r.total : '-'), right: true },
    { name: 'top hit', get: (r) => clip((r.hits[0] && r.hits[0].title) || '(none)', 48) },
  ]));
  out.push('');
  const groups = new Map();
  for (const r of rows) {
    for (const key of [`${r.engine}\t${r.locale}`, `${r.engine}\tall`]) {
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(r);
    }
  }
  const med = [...groups.entries()].map(([key, rs]) => {
    const [engine, locale] = key.split('\t');
    return { engine, locale, n: rs.length, requests: median(rs.map((r) => r.requests)),
      body: median(rs.map((r) => r.bodyBytes)), wire: median(rs.map((r) => r.wireBytes)),
      cold: median(rs.map((r) => r.coldMs)), warm: median(rs.map((r) => r.warmMs)) };
  }).sort((a, b) => (a.engine + (a.locale === 'all' ? '~' : a.locale)).localeCompare(b.engine + (b.locale === 'all' ? '~' : b.locale)));
  out.push('medians');
  out.push(table(med, [
    { name: 'engine', get: (r) => r.engine },
    { name: 'locale', get: (r) => r.locale },
    { name: 'queries', get: (r) => r.n, right: true },
    { name: 'requests', get: (r) => r.requests, right: true },
    { name: 'KB gz', get: (r) => kb(r.body), right: true },
    { name: 'KB wire', get: (r) => kb(r.wire), right: true },
    { name: 'cold ms', get: (r) => ms(r.cold), right: true },
    { name: 'warm ms', get: (r) => ms(r.warm), right: true },
  ]));
  const warned = rows.filter((r) => r.warnings.length);
  out.push('');
  if (warned.length) {
    out.push('warnings');
    for (const r of warned) out.push(`  ${r.engine} ${r.locale} "${r.query}": ${r.warnings.join('; ')}`);
  } else {
    out.push('warnings: none (every query had hits in its own locale; CDP and the server agree on the request count)');
  }
  return out.join('\n');
}

function puppeteerVersion() {
  try {
    return JSON.parse(fs.readFileSync(new URL('./node_modules/puppeteer-core/package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------- main
async function main() {
  const o = parseArgs(process.argv.slice(2));
  const site = path.resolve(o.site);
  if (!fs.existsSync(site)) die(`${site} does not exist`);
  const queries = loadQueries(o);
  if (!queries.length) die('no queries');
  const locales = [...new Set(queries.map((q) => q.locale))];
  const engines = [...(o.kbgen ? ['kbgen'] : []), ...(o.pagefind ? ['pagefind'] : [])];
  if (!engines.length) die('no engine: drop --no-kbgen or add --pagefind');
  const kbInfo = o.kbgen ? findKbgen(site, locales) : null;
  if (o.pagefind && !fs.existsSync(path.join(site, 'pagefind', 'pagefind.js'))) {
    die(`${site}/pagefind/pagefind.js is missing: run Pagefind on (a copy of) the site first`);
  }

  const srv = await startServer(site, o.encoding);
  const { browser, userDataDir } = await launch(o.chromium);
  const version = await browser.version();
  const rows = [];
  const t0 = performance.now();
  try {
    for (const engine of engines) {
      for (const { locale, query } of queries) {
        const row = await measure({ browser, srv, engine, locale, query, kb: kbInfo, warmRuns: o.warmRuns, verbose: o.verbose });
        rows.push(row);
        console.error(`${engine} ${locale} "${query}": ${row.requests} requests, ${kb(row.bodyBytes)} KB, ${row.total} hits${row.warnings.length ? ` [${row.warnings.join('; ')}]` : ''}`);
      }
    }
  } finally {
    await browser.close();
    srv.server.close();
    srv.server.closeAllConnections?.();
    await fsp.rm(userDataDir, { recursive: true, force: true });
  }
  console.log(report(rows, o, kbInfo, site));
  console.log(`\n${rows.length} measurements in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${version}, puppeteer-core ${puppeteerVersion()}, node ${process.version}`);
  if (o.json) {
    fs.writeFileSync(o.json, JSON.stringify({ site, encoding: o.encoding, warmRuns: o.warmRuns, kbgen: kbInfo, rows }, null, 1));
  }
  // Non-zero when a query found nothing, so scripts notice.
  process.exitCode = rows.some((r) => !r.total) ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
