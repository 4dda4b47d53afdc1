// Screenshots of an already-built site folder in Debian's Chromium, for a person to look at:
// full-page PNGs of the given pages (default: home, the provinces index, one province and the
// FAQ in both languages) at 320, 390 and 1280 px (WIDTHS=390,1280 to choose). With TILE=1600,
// each page is cut into pieces of that height, for viewers that shrink tall images. With
// FULL=0, only the first screen (800 px high) of each page is taken.
//
//   node tests/browser/screenshot.mjs public/ shots/ [/page/ ...]
//
// The first argument may also be the address of a running server (`tanrak serve`), to
// photograph the preview as an editor sees it, error page included:
//
//   node tests/browser/screenshot.mjs http://127.0.0.1:1111/ shots/ /

import fs from 'node:fs';
import path from 'node:path';
import { serve, launch } from './lib.mjs';

const [siteArg, outArg, ...given] = process.argv.slice(2);
if (!siteArg || !outArg) {
  console.error('usage: node tests/browser/screenshot.mjs <built site folder> <png folder> [page paths]');
  process.exit(2);
}
const pages = given.length
  ? given
  : ['/', '/en/', '/provinces/', '/en/provinces/', '/provinces/chiang-mai/', '/en/provinces/chiang-mai/', '/faq/', '/en/faq/'];
const widths = (process.env.WIDTHS ?? '320,390,1280').split(',').map(Number);
fs.mkdirSync(outArg, { recursive: true });

const live = /^https?:\/\//.test(siteArg);
const { server, origin } = live
  ? { server: { close() {} }, origin: siteArg.replace(/\/$/, '') }
  : await serve(path.resolve(siteArg));
const browser = await launch();
try {
  const page = await browser.context.newPage();
  for (const p of pages) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(origin + p, { waitUntil: 'load' });
      const base = (p.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home') + `-${width}`;
      const tile = Number(process.env.TILE ?? 0);
      if (!tile) {
        const fullPage = process.env.FULL !== '0';
        await page.screenshot({ path: path.join(outArg, base + '.png'), fullPage });
        console.log(path.join(outArg, base + '.png'));
        continue;
      }
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, n = 1; y < height; y += tile, n++) {
        const file = path.join(outArg, `${base}-${n}.png`);
        const clip = { x: 0, y, width, height: Math.min(tile, height - y) };
        try {
          await page.screenshot({ path: file, fullPage: true, clip });
        } catch {
          break; // the last sliver is past the page's painted height
        }
        console.log(file);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
