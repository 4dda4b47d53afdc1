// Print check: serves an already-built site folder on 127.0.0.1, prints pages of one kind
// (`<body class="page-KIND">`, default: area pages) to A4 PDFs in Debian's Chromium, as its
// print dialog would with the page's own @page rules, and counts each PDF's pages. Prints one
// line per page that takes more than the allowed number of sheets and a summary; exits 1 if
// any page does, 2 on bad usage.
//
//   node tests/browser/print.mjs public/ [--kind area] [--max-pages 2] [--longest N] [--save DIR]
//
// With --longest N, only the N pages of that kind with the most text in each language (the ones
// likeliest to run over) are printed.

import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, htmlPages } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const siteArg = args[0];
if (!siteArg || !fs.existsSync(path.join(siteArg, 'index.html'))) {
  console.error('usage: node tests/browser/print.mjs <built site folder> [--kind area] [--max-pages 2] [--save DIR]');
  process.exit(2);
}
const root = path.resolve(siteArg);
const kind = option('--kind', 'area');
const maxPages = Number(option('--max-pages', '2'));
const save = option('--save', '');
const longest = Number(option('--longest', '0'));
if (save) fs.mkdirSync(save, { recursive: true });

const of = [];
for (const p of htmlPages(root)) {
  const html = fs.readFileSync(path.join(root, p.endsWith('/') ? p + 'index.html' : p), 'utf8');
  if (!html.includes(`<body class="page-${kind}"`)) continue;
  const lang = /<html lang="([^"]+)"/.exec(html)?.[1] ?? '';
  // Text only: markup (the map's and charts' drawings) takes no room on paper in proportion.
  const text = html.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '').length;
  of.push({ p, lang, text });
}
let chosen = of;
if (longest) {
  chosen = [];
  for (const lang of new Set(of.map((x) => x.lang))) {
    chosen.push(...of.filter((x) => x.lang === lang).sort((a, b) => b.text - a.text || a.p.localeCompare(b.p)).slice(0, longest));
  }
}
const pages = chosen.map((x) => x.p).sort();

/** The number of pages of a PDF that Chromium wrote: its page objects. */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

const { server, origin } = await serve(root);
const browser = await launch();
let over = 0;
const counts = new Map();
try {
  const page = await browser.context.newPage();
  for (const p of pages) {
    await page.goto(origin + p, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
    const n = pdfPages(pdf);
    counts.set(n, (counts.get(n) ?? 0) + 1);
    if (save) fs.writeFileSync(path.join(save, (p.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home') + '.pdf'), pdf);
    if (n > maxPages || n < 1) {
      over++;
      console.log(`${p}: ${n} A4 page(s), more than ${maxPages}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
const spread = [...counts].sort((a, b) => a[0] - b[0]).map(([n, c]) => `${c} × ${n} page(s)`).join(', ');
console.log(`print: ${pages.length} ${kind} pages on A4 (${spread}): ${over} over ${maxPages} page(s)`);
process.exit(over || !pages.length ? 1 : 0);
