// `npm run budgets`: measures the performance budgets and prints the figures (not a test: timings
// depend on the machine). Needs a build (npm run build) and Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const report = (name, value, unit, budget) => rows.push({ name, value, unit, budget, ok: value <= budget });

// 1. Renderer JavaScript, gzipped.
const assets = 'out/renderer/assets';
const jsBytes = readdirSync(assets)
  .filter((file) => file.endsWith('.js'))
  .reduce((total, file) => total + gzipSync(readFileSync(join(assets, file)), { level: 9 }).length, 0);
report('renderer JavaScript (gzip)', Math.round(jsBytes / 1024), 'KB', 300);

// 2. `mailflow --help`, the built CLI and the npm entry (bin/mailflow.mjs).
const time = (command, args) => {
  const samples = [];
  for (let i = 0; i < 11; i += 1) {
    const started = performance.now();
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(result.status)}`);
    samples.push(performance.now() - started);
  }
  return Math.round(median(samples));
};
rows.push({ name: 'for reference: node -e "" on this machine', value: time(process.execPath, ['-e', '']), unit: 'ms', budget: Infinity, ok: true });
report('mailflow --help (node out/main/cli.js)', time(process.execPath, ['out/main/cli.js', '--help']), 'ms', 300);
report('mailflow --help (node bin/mailflow.mjs)', time(process.execPath, ['bin/mailflow.mjs', '--help']), 'ms', 300);

// 3. First paint of the engagements screen in Chromium, through the browser preview.
const dataDir = mkdtempSync(join(tmpdir(), 'mailflow-budget-'));
const preview = spawn(process.execPath, ['out/main/preview.js', '--no-open'], { env: { ...process.env, MAILFLOW_DATA_DIR: dataDir } });
let output = '';
preview.stdout.on('data', (chunk) => (output += chunk));
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`preview did not start: ${output}`)), 10_000);
  preview.stdout.on('data', () => {
    const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const paints = [];
const ready = [];
for (let i = 0; i < 7; i += 1) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Engagements', exact: true }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('mailflow:engagements-shown').length > 0);
  const timings = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    ready: performance.getEntriesByName('mailflow:engagements-shown')[0]?.startTime ?? Number.NaN,
  }));
  paints.push(timings.paint);
  ready.push(timings.ready);
  await context.close();
}
await browser.close();
preview.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
report('first contentful paint, engagements screen', Math.round(median(paints)), 'ms', 500);
report('engagements list loaded from the core and shown', Math.round(median(ready)), 'ms', 500);

for (const row of rows) {
  console.log(`${row.ok ? 'within' : 'OVER  '}  ${row.name}: ${row.value} ${row.unit}${Number.isFinite(row.budget) ? ` (budget ${row.budget} ${row.unit})` : ''}`);
}
process.exit(rows.every((row) => row.ok) ? 0 : 1);
