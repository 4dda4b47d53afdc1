// Accessibility gate: serves an already-built site folder on 127.0.0.1, opens one page of every
// template kind (found in the output, both languages) in Debian's Chromium at 390 px and 1280 px,
// runs axe-core with the WCAG 2.1 A and AA rules (a search page given as `/search/?q=…` with
// its results shown), and checks that no page scrolls sideways at
// 320 px (WCAG 1.4.10 reflow). Prints every violation; exits 1 if there is any, 2 on bad usage.
//
//   node tests/browser/axe.mjs public/ [/extra/page/ ...]

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, samplePages } from './lib.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [390, 1280];
const REFLOW_WIDTH = 320;

const [siteArg, ...extra] = process.argv.slice(2);
if (!siteArg || !fs.existsSync(path.join(siteArg, 'index.html'))) {
  console.error('usage: node tests/browser/axe.mjs <built site folder> [extra page paths]');
  process.exit(2);
}
const root = path.resolve(siteArg);
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const pages = [...new Set([...samplePages(root), ...extra])].sort();

const { server, origin } = await serve(root);
const browser = await launch();
let problems = 0;
try {
  const page = await browser.context.newPage();
  for (const p of pages) {
    for (const width of [REFLOW_WIDTH, ...WIDTHS]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(origin + p, { waitUntil: 'load' });
      // A search page given a query (`/search/?q=…`): check it with its results shown.
      if (p.includes('?q=')) {
        await page.waitForFunction(() => {
          const status = document.getElementById('search-status');
          const form = document.getElementById('search-form');
          return status && form && /\S/.test(status.textContent) && status.textContent !== form.dataset.loading;
        }, null, { timeout: 10000 });
      }
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        if (doc.scrollWidth <= doc.clientWidth) return null;
        // Name the widest elements that stick out, to say what to fix.
        const wide = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
          .slice(0, 5)
          .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
        return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide };
      });
      if (overflow) {
        problems++;
        console.log(`${p} @${width}px: page scrolls sideways (${overflow.scrollWidth} > ${overflow.clientWidth}); wide: ${overflow.wide.join(', ')}`);
      }
      if (width === REFLOW_WIDTH) continue;
      await page.evaluate(axeSource);
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      for (const v of result.violations) {
        problems++;
        console.log(`${p} @${width}px: ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}`);
        for (const n of v.nodes.slice(0, 8)) {
          console.log(`  - ${n.target.join(' ')}${n.failureSummary ? '\n    ' + n.failureSummary.replace(/\n/g, '\n    ') : ''}`);
        }
        if (v.nodes.length > 8) console.log(`  … and ${v.nodes.length - 8} more`);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`axe: ${pages.length} pages × ${WIDTHS.join(', ')} px (${TAGS.join(', ')}), reflow at ${REFLOW_WIDTH} px: ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
