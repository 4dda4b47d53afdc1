// Lighthouse gate: serves an already-built site folder on 127.0.0.1, finds one page of every
// page kind in every language from the output (`<body class="page-KIND">`, `<html lang>`), and
// runs Lighthouse (mobile: its default phone screen and simulated slow 4G and CPU) on each in
// one headless Debian Chromium, one page after another (parallel runs would share the CPU and
// skew the performance score). Prints a table of the four category scores and the cumulative
// layout shift per page, and what to fix where a page falls short; exits 1 if any category
// scores under 95 or any layout shift is 0.05 or more, 2 on bad usage.
//
// A busy machine. The performance score is simulated from CPU times measured on this machine,
// so it drops when other work shares the CPU (93 was seen on a loaded two-core machine). A page
// under the mark is measured again, up to LIGHTHOUSE_RUNS times in all (default 3), and its
// best performance score counts; each retry uses the CPU slowdown Lighthouse's calibration
// gives for the host speed it measured in the run before (its benchmark index, shown in the
// table): 4× (its default) for a host at its reference speed (index 1533) or faster, less for
// a slower or busier one (1300 → 3×, 800 → 2×, 150 → 1×), so that the simulated phone stays
// the same and the bar does not move. The other three categories and the layout shift do not
// depend on the machine's speed: they must hold in every run.
//
//   node tests/browser/lighthouse.mjs public/            every kind in every language
//   node tests/browser/lighthouse.mjs public/ --one-language    every kind once (languages taken in turn)
//   node tests/browser/lighthouse.mjs public/ /en/faq/ /        these pages only

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';
import { serve, htmlPages, removeProfile, CHROMIUM, CHROMIUM_FLAGS } from './lib.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const MIN_SCORE = 95;
const MAX_CLS = 0.05;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const DEFAULT_CPU = throttling.mobileSlow4G.cpuSlowdownMultiplier;

/**
 * The CPU slowdown that makes a host of benchmark index `index` simulate Lighthouse's reference
 * phone: its calibration points (1533 → 4×, 1300 → 3×, 800 → 2×, 150 → 1×; Lighthouse's
 * docs/throttling.md, "calibrating multipliers") joined by straight lines, never more than its
 * default nor less than 1×.
 */
function calibratedCpu(index) {
  const points = [[150, 1], [800, 2], [1300, 3], [1533, 4]];
  if (!(index > points[0][0])) return 1;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (index < x1) return Math.round((y0 + ((index - x0) / (x1 - x0)) * (y1 - y0)) * 100) / 100;
  }
  return DEFAULT_CPU;
}

const args = process.argv.slice(2);
const [siteArg, ...given] = args.filter((a) => !a.startsWith('--'));
if (!siteArg || !fs.existsSync(path.join(siteArg, 'index.html'))) {
  console.error('usage: node tests/browser/lighthouse.mjs <built site folder> [--one-language] [page paths]');
  process.exit(2);
}
const root = path.resolve(siteArg);
const pages = given.length ? given.map((p) => ({ path: p, kind: '', lang: '' })) : pagesByKind(root, args.includes('--one-language'));

/**
 * The first page (in path order) of each kind in each language. With `oneLanguage`, each kind
 * once, the languages taken in turn so that every language is seen.
 */
function pagesByKind(root, oneLanguage) {
  const byKey = new Map();
  for (const p of htmlPages(root)) {
    const file = path.join(root, p.endsWith('/') ? p + 'index.html' : p);
    const head = fs.readFileSync(file, 'utf8').slice(0, 20000);
    const kind = /<body class="page-([\w-]+)/.exec(head)?.[1];
    const lang = /<html lang="([^"]+)"/.exec(head)?.[1] ?? '';
    if (!kind) continue;
    const key = `${kind} ${lang}`;
    if (!byKey.has(key)) byKey.set(key, { path: p, kind, lang });
  }
  const all = [...byKey.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.lang.localeCompare(b.lang));
  if (!oneLanguage) return all;
  const langs = [...new Set(all.map((p) => p.lang))].sort();
  const kinds = [...new Set(all.map((p) => p.kind))];
  return kinds.map((kind, i) => {
    const of = all.filter((p) => p.kind === kind);
    return of.find((p) => p.lang === langs[i % langs.length]) ?? of[0];
  });
}

/** Debian's Chromium, headless, with a debugging port for Lighthouse. */
async function startChromium() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tanrak-lighthouse-'));
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const portFile = path.join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 300 && !fs.existsSync(portFile); i++) await new Promise((ok) => setTimeout(ok, 100));
  const port = Number(fs.readFileSync(portFile, 'utf8').split('\n')[0]);
  return {
    port,
    async close() {
      // Wait for Chromium to exit before its folder is removed (it writes its cache until
      // then); a process that already exited has an exit code and will send no event.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill();
        await exited;
      }
      await removeProfile(profile);
    },
  };
}

const { server, origin } = await serve(root);
const chrome = await startChromium();
let failures = 0;
const rows = [];
try {
  for (const p of pages) {
    const runs = [];
    let cpu = DEFAULT_CPU;
    for (let n = 1; n <= RUNS; n++) {
      const result = await lighthouse(origin + p.path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: cpu },
      });
      const lhr = result.lhr;
      if (lhr.runtimeError) {
        console.log(`${p.path}: Lighthouse could not run: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        continue;
      }
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
      const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN;
      const bench = Math.round(lhr.environment?.benchmarkIndex ?? NaN);
      runs.push({ lhr, scores, cls, bench, cpu });
      // Only the performance score is measured again: the rest does not vary with the load.
      const steady = scores.slice(1).every((s) => s >= MIN_SCORE) && cls < MAX_CLS;
      if (scores[0] >= MIN_SCORE || !steady) break;
      cpu = calibratedCpu(bench);
    }
    if (!runs.length) {
      failures++;
      continue;
    }
    // The best performance score counts; every other category's worst, and the largest shift.
    const best = runs.reduce((a, b) => (b.scores[0] > a.scores[0] ? b : a));
    const scores = CATEGORIES.map((_, i) => (i === 0 ? best.scores[0] : Math.min(...runs.map((r) => r.scores[i]))));
    const cls = Math.max(...runs.map((r) => r.cls));
    const bad = scores.some((s) => s < MIN_SCORE) || !(cls < MAX_CLS);
    rows.push([p.path, p.kind, p.lang, ...scores, cls.toFixed(3), runs.length, best.bench, `${best.cpu}×`, bad ? 'FAIL' : 'ok']);
    if (!bad) continue;
    failures++;
    // What pulled the scores down: every audit that counts and did not pass, in the run that
    // counted (performance: the best run; the others: the run where the category fell short).
    const why = [];
    if (!(cls < MAX_CLS)) why.push(`    layout shift: ${cls.toFixed(3)}, at most ${MAX_CLS} allowed`);
    CATEGORIES.forEach((c, i) => {
      const run = i === 0 ? best : runs.find((r) => r.scores[i] < MIN_SCORE) ?? runs.find((r) => !(r.cls < MAX_CLS)) ?? best;
      for (const ref of run.lhr.categories[c]?.auditRefs ?? []) {
        const a = run.lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 0.9) {
          why.push(`    ${c}: ${a.id} (${a.displayValue ?? a.score}): ${a.title}`);
        }
      }
    });
    console.log(`${p.path}: below ${MIN_SCORE} or layout shift ≥ ${MAX_CLS}\n${why.join('\n')}`);
  }
} finally {
  await chrome.close();
  server.close();
}
const header = ['page', 'kind', 'lang', 'perf', 'a11y', 'best', 'seo', 'CLS', 'runs', 'bench', 'cpu', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
for (const r of [header, ...rows]) console.log(r.map((v, i) => String(v).padEnd(widths[i])).join('  ').trimEnd());
console.log(`lighthouse: ${rows.length} pages (mobile; ${CATEGORIES.join(', ')} ≥ ${MIN_SCORE}, CLS < ${MAX_CLS}): ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
