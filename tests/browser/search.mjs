// Search in the browser: serves an already-built site folder on 127.0.0.1, opens its search
// pages in Debian's Chromium, types queries with the keyboard and checks the first result, the
// announced count and the highlighted words; then again with Intl.Segmenter taken away (older
// phones), where the script cuts a Thai query against the index's own words. Prints each
// failure; exits 1 if there is any, 2 on bad usage.
//
//   node tests/browser/search.mjs public/ [--save DIR]
//
// --save DIR writes the first Thai and the first English search page with its results shown
// (the page as the browser holds it) to DIR, for the HTML checker.

import fs from 'node:fs';
import path from 'node:path';
import { serve, launch } from './lib.mjs';

const [siteArg, ...rest] = process.argv.slice(2);
const saveDir = rest[0] === '--save' ? rest[1] : null;
if (!siteArg || !fs.existsSync(path.join(siteArg, 'search', 'index.html'))) {
  console.error('usage: node tests/browser/search.mjs <built site folder with a search page>');
  process.exit(2);
}
const root = path.resolve(siteArg);

// [search page, query, expected first result, Intl.Segmenter available, words marked]
const CASES = [
  ['/search/', 'เชียงใหม่', '/provinces/chiang-mai/', true],
  ['/search/', 'ฐานราก ชลบุรี', '/provinces/chon-buri/', true],
  // Found by the one-word spelling the build adds; no shown text has it to mark.
  ['/search/', 'chonburi', '/provinces/chon-buri/', true, false],
  ['/en/search/', 'chiang mai', '/en/provinces/chiang-mai/', true],
  ['/en/search/', 'Chon Buri', '/en/provinces/chon-buri/', true],
  ['/en/search/', 'เชียงใหม่', '/en/provinces/chiang-mai/', true],
  ['/en/search/', 'Korat', '/en/provinces/nakhon-ratchasima/', true],
  // One edit away, wherever it is: a letter changed, the first one too, dropped, added, or
  // two swapped. In Thai a typo also makes the segmenter cut the word apart (ถาน|ราก).
  ['/en/search/', 'chiamg mai', '/en/provinces/chiang-mai/', true],
  ['/en/search/', 'xhiang mai', '/en/provinces/chiang-mai/', true],
  ['/en/search/', 'hciang mai', '/en/provinces/chiang-mai/', true],
  ['/en/search/', 'Gorat', '/en/provinces/nakhon-ratchasima/', true],
  ['/en/search/', 'แชียงใหม่', '/en/provinces/chiang-mai/', true],
  ['/search/', 'แชียงใหม่', '/provinces/chiang-mai/', true],
  ['/search/', 'ชียงใหม่', '/provinces/chiang-mai/', true],
  ['/search/', 'ฐานราก', '*', true],
  ['/search/', 'ถานราก', '=ฐานราก', true],
  ['/search/', 'xhonburi', '/provinces/chon-buri/', true, false],
  // No Intl.Segmenter: the Thai run is cut against the index's words.
  ['/search/', 'จังหวัดเชียงใหม่', '/provinces/chiang-mai/', false],
  ['/search/', 'แชียงใหม่', '/provinces/chiang-mai/', false],
];
// "=word": the same first result as the query `word` (a typo finds what the word finds);
// "*": any first result (recorded for a later "=").
const firsts = {};

const { server, origin } = await serve(root);
const browser = await launch();
let failures = 0;
const fail = (msg) => { failures++; console.log('FAIL ' + msg); };
try {
  for (const [url, query, want, segmenter, marked = true] of CASES) {
    let expected = want.startsWith('=') ? firsts[url + want.slice(1)] : want;
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (!segmenter) await page.addInitScript(() => { delete Intl.Segmenter; });
    await page.goto(origin + url, { waitUntil: 'load' });
    const label = `${url} "${query}"${segmenter ? '' : ' (no Intl.Segmenter)'}`;
    if (await page.locator('#search-no-script').isVisible()) fail(`${label}: the no-script note is shown`);
    // Keyboard only: the skip link, then Tab to the search box.
    await page.keyboard.press('Tab');
    let steps = 0;
    while (steps++ < 20 && !(await page.evaluate(() => document.activeElement?.id === 'search-q'))) {
      await page.keyboard.press('Tab');
    }
    if (steps > 20) { fail(`${label}: the search box cannot be reached with Tab`); await page.close(); continue; }
    await page.keyboard.type(query);
    await page.keyboard.press('Enter');
    try {
      await page.waitForFunction(() => document.querySelector('#search-results li') ||
        /\S/.test(document.getElementById('search-status').textContent) &&
        document.getElementById('search-status').textContent !== document.getElementById('search-form').dataset.loading,
        null, { timeout: 10000 });
    } catch { fail(`${label}: no results shown`); await page.close(); continue; }
    const got = await page.evaluate(() => ({
      first: document.querySelector('#search-results li a')?.getAttribute('href'),
      count: document.querySelectorAll('#search-results li').length,
      status: document.getElementById('search-status').textContent,
      marks: [...document.querySelectorAll('#search-results li:first-child mark')].map((m) => m.textContent),
      address: location.search,
    }));
    if (expected === '*') expected = got.first;
    if (segmenter) firsts[url + query] = got.first;
    if (saveDir && !fs.existsSync(path.join(saveDir, `${url.startsWith('/en/') ? 'en' : 'th'}-results.html`)) && got.count > 0) {
      const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
      fs.writeFileSync(path.join(saveDir, `${url.startsWith('/en/') ? 'en' : 'th'}-results.html`), html);
    }
    if (got.first !== expected || !expected) fail(`${label}: first result ${got.first}, expected ${expected}`);
    if (!got.status.includes(String(got.count))) fail(`${label}: status "${got.status}" does not give the count ${got.count}`);
    if (marked && got.marks.length === 0) fail(`${label}: no word highlighted in the first result`);
    if (!got.address.startsWith('?q=')) fail(`${label}: the address does not keep the query (${got.address})`);
    // From the box, Tab reaches the button and then the first result.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    if (focused !== expected) fail(`${label}: Tab from the box reaches ${focused}, not the first result`);
    for (const e of errors) fail(`${label}: script error ${e}`);
    console.log(`${label}: ${got.count} results, first ${got.first}, marked ${got.marks.join(', ')}`);
    await page.close();
  }
  // A query in the address (the header's form sends one) is searched on arrival.
  const page = await browser.context.newPage();
  await page.goto(origin + '/search/?q=' + encodeURIComponent('เชียงใหม่'), { waitUntil: 'load' });
  await page.waitForSelector('#search-results li', { timeout: 10000 }).catch(() => fail('?q= in the address: no results'));
  await page.close();
  // JavaScript off: the note says so and links to the list of areas and the questions page.
  const plain = await launch({ javaScriptEnabled: false });
  try {
    const page = await plain.context.newPage();
    await page.goto(origin + '/en/search/', { waitUntil: 'load' });
    const note = page.locator('#search-no-script');
    if (!(await note.isVisible())) fail('JavaScript off: the no-script note is not shown');
    else if ((await note.locator('a').count()) < 2) fail('JavaScript off: the no-script note has no links');
    await page.close();
  } finally {
    await plain.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`search: ${CASES.length + 2} checks: ${failures} failure(s)`);
process.exit(failures ? 1 : 0);
