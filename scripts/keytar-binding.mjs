// `npm test`: makes sure keytar (an optional dependency, skipped by `npm install` where libsecret's
// headers are missing) is installed and built, so the keychain tests run against the real binding.
// Run after scripts/system-deps.sh has installed libsecret-1-dev.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const loads = () => spawnSync(process.execPath, ['-e', "require('keytar')"], { encoding: 'utf8' });
const npm = (args) => spawnSync('npm', args, { stdio: 'inherit', env }).status === 0;

let check = loads();
if (check.status === 0) {
  console.log('keytar: built');
  process.exit(0);
}
if (!existsSync('node_modules/keytar/package.json')) {
  console.log('keytar is not installed (it could not be built at install time): installing it now');
  npm(['install', '--no-audit', '--no-fund', '--no-save']);
} else {
  console.log('keytar is installed but its binding does not load: npm rebuild keytar');
  npm(['rebuild', 'keytar']);
}
check = loads();
if (check.status !== 0) {
  console.error(`keytar still does not load: ${check.stderr.split('\n').find((line) => line.includes('Error')) ?? check.stderr}`);
  console.error('Install the build packages (sudo apt-get install libsecret-1-dev build-essential python3) and run npm rebuild keytar.');
  process.exit(1);
}
console.log('keytar: built');
