// `npm test`: the whole suite, in the order that fails fastest. Each phase's own output is shown;
// the summary at the end names the phases that failed.
import { spawnSync } from 'node:child_process';

const phases = [
  ['system packages', 'bash', ['scripts/system-deps.sh']],
  ['keychain binding (keytar)', 'node', ['scripts/keytar-binding.mjs']],
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['keychain tests (real gnome-keyring)', 'npm', ['run', '-s', 'test:keychain']],
  ['Electronegativity scan', 'npm', ['run', '-s', 'test:security']],
  ['end-to-end tests (Chromium, browser preview)', 'bash', ['scripts/with-keyring.sh', 'playwright', 'test']],
];

const failed = [];
let passed = 0;
for (const [name, command, args] of phases) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed += 1;
    console.log(`=== ${name}: ok (${seconds} s) ===`);
  } else {
    console.log(`=== ${name}: FAILED (exit ${String(result.status ?? result.signal)}, ${seconds} s) ===`);
    failed.push(name);
    if (name === 'system packages' || name === 'build') break;
  }
}
console.log(`\nphases: ${passed} passed, ${failed.length} failed`);
if (failed.length > 0) console.log(`failed: ${failed.join('; ')}`);
process.exit(failed.length === 0 ? 0 : 1);
