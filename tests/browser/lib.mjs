// Shared by the browser checks (axe.mjs, screenshot.mjs): serve a built site folder on
// 127.0.0.1 the way a plain static host would, start Debian's Chromium through playwright-core,
// and find one page of every template kind in the built output. Nothing here builds the site.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serve `root` on 127.0.0.1 at a free port; missing files get /404.html with status 404. */
export async function serve(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(root, '404.html');
      if (!fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
    }
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}` };
}

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The flags every gate starts Chromium with: headless, no network of its own, no updates. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, with a fresh profile folder and no background networking. */
export async function launch({ javaScriptEnabled = true } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tanrak-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    javaScriptEnabled,
  });
  return {
    context,
    async close() {
      // Closing the context waits for the browser process, but its helpers (the network
      // service, the crash reporter) may still be flushing the cache into the folder.
      await context.close();
      await removeProfile(profile);
    },
  };
}

/**
 * Remove a Chromium profile folder once Chromium has let go of it. A process that has just
 * exited can leave a helper still writing into `Default/Cache` for a moment (`ENOTEMPTY`), so
 * the removal is retried; a folder that still cannot be removed is left in the temporary
 * folder with a note, never a failed check: the result was already measured.
 */
export async function removeProfile(profile) {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      return;
    } catch (e) {
      if (attempt >= 10) {
        console.error(`note: left the browser profile ${profile} (${e.code ?? e.message})`);
        return;
      }
      await new Promise((ok) => setTimeout(ok, 200 * attempt));
    }
  }
}

/** Every HTML file under `root`, as site paths ("/", "/en/faq/", "/404.html"), sorted. */
export function htmlPages(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const rel = '/' + path.relative(root, p).split(path.sep).join('/');
        out.push(rel.endsWith('/index.html') || rel === '/index.html' ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(root);
  return out.sort();
}

/**
 * One page of every template kind, found from the output: every page at most one folder below
 * a language root (home, section indexes, single pages, 404), and of each section's deeper pages
 * the first, plus Bangkok's province page (it has no figures, so it renders differently).
 */
export function samplePages(root) {
  const pages = htmlPages(root);
  const langRoots = new Set(['/']);
  for (const p of pages) {
    const m = /^\/([a-z]{2})\/$/.exec(p);
    if (m) langRoots.add(p);
  }
  const chosen = new Set();
  const firstInSection = new Map();
  for (const p of pages) {
    const lr = p.startsWith('/') && [...langRoots].filter((r) => p.startsWith(r)).sort((a, b) => b.length - a.length)[0];
    const rest = p.slice(lr.length).split('/').filter(Boolean);
    if (rest.length <= 1) {
      chosen.add(p);
    } else {
      const section = lr + rest.slice(0, -1).join('/');
      if (!firstInSection.has(section)) firstInSection.set(section, p);
      if (/\/provinces\/bangkok\/$/.test(p)) chosen.add(p);
    }
  }
  for (const p of firstInSection.values()) chosen.add(p);
  return [...chosen].sort();
}
