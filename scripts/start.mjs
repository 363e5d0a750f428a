// `npm start`: builds, then runs the Electron app when its runtime is installed, otherwise the
// browser preview (the same renderer and core), saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const build = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Found without require('electron'), which would try to download the binary.
function electronBinary() {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'its binary was not downloaded when electron was installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or no access to the download host)' };
  }
  const relative = readFileSync(pathFile, 'utf8');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const path = join(distDir, relative);
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing at ${path}` };
}

const electron = electronBinary();
const extra = process.argv.slice(2);
if (electron.path !== undefined && !extra.includes('--preview')) {
  const child = spawn(electron.path, ['.', ...extra], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (electron.path === undefined) {
    console.log(`No Electron runtime is installed (${electron.reason}).`);
    console.log('Starting the browser preview instead: the same app, in your browser, on this computer only.\n');
  }
  const child = spawn(process.execPath, ['out/main/preview.js', ...extra.filter((arg) => arg !== '--preview')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
