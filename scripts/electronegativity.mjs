// Runs the Electronegativity scan (offline) on the app's sources and fails on any high or medium
// finding that main/security/electronegativity-accepted.json does not explain.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const work = '.tmp/electronegativity';
const input = join(work, 'input');
const report = join(work, 'report.csv');
rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
for (const part of ['main', 'preload', 'renderer', 'package.json']) cpSync(part, join(input, part), { recursive: true });

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

/** Runs the scanner once, writing the report afresh. */
function scan() {
  rmSync(report, { force: true });
  const run = spawnSync('npx', ['electronegativity', '-i', input, '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error(`electronegativity exited with ${String(run.status)}`);
    process.exit(1);
  }
}

/** Minimal CSV reader for the scanner's quoted output. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i];
      if (char === '"' && line[i + 1] === '"' && quoted) {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = !quoted;
      else if (char === ',' && !quoted) {
        cells.push(cell.trim());
        cell = '';
      } else cell += char;
    }
    cells.push(cell.trim());
    rows.push({ check: cells[0], severity: cells[1], confidence: cells[2], file: cells[3], location: cells[4], sample: cells[5] });
  }
  return rows;
}

const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);
/** The scanner now and then writes a report whose text is cut or shuffled: never read one as findings. */
const ATTEMPTS = 3;
/** The report's findings, scanning again (a few times at most) when the report is damaged. */
function scanFindings() {
  for (let attempt = 1; ; attempt += 1) {
    scan();
    const findings = parseCsv(readFileSync(report, 'utf8'));
    const damaged = findings.find((f) => !SEVERITIES.has(f.severity ?? ''));
    if (damaged === undefined) return findings;
    const start = (damaged.check ?? '').slice(0, 40);
    if (attempt === ATTEMPTS) {
      console.error(`electronegativity wrote a damaged report ${ATTEMPTS} times (a row begins "${start}")`);
      process.exit(1);
    }
    console.log(`electronegativity wrote a damaged report (a row begins "${start}"): scanning again`);
  }
}
const findings = scanFindings();

const accepted = JSON.parse(readFileSync('main/security/electronegativity-accepted.json', 'utf8')).accepted;
const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const unexplained = serious.filter(
  (f) => !accepted.some((a) => a.check === f.check && a.file === f.file && (f.sample ?? '').includes(a.sample)),
);
for (const f of findings) {
  const explained = !unexplained.includes(f);
  console.log(`${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} ${explained ? '(reviewed)' : 'UNEXPLAINED'}`);
}
console.log(`electronegativity: ${findings.length} findings, ${serious.length} high/medium, ${unexplained.length} unexplained`);
process.exit(unexplained.length === 0 ? 0 : 1);
