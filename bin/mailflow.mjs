#!/usr/bin/env node
// Runs the built CLI (out/main/cli.js) when it is up to date with the sources, else the
// TypeScript sources through tsx, so `npm run mailflow` is always current after an edit.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out/main/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtIsCurrent() {
  try {
    const builtAt = statSync(built).mtimeMs;
    return builtAt >= Math.max(newestSource(join(root, 'main')), newestSource(join(root, 'preload')), statSync(join(root, 'package.json')).mtimeMs);
  } catch {
    return false;
  }
}

if (builtIsCurrent()) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'main/cli/main.ts')).href);
}
