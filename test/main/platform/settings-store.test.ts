import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngagementRepository } from '../../../main/core/engagements/repository.js';
import { SettingsBusyError } from '../../../main/core/ports/settings-store.js';
import { createNodeSettingsStore } from '../../../main/platform/node-settings-store.js';

const writer = join(import.meta.dirname, '../../lab/engagement-writer.ts');
const clock = { now: () => Date.parse('2026-12-01T00:00:00.000Z'), monotonic: () => 0 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer in its own Node process; resolves with the ids it created. */
function writerProcess(count: number, prefix: string): Promise<readonly string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, String(count), prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out.split('\n').filter((line) => line !== ''));
      else reject(new Error(`writer ${prefix} exited ${String(code)}: ${err}`));
    });
  });
}

describe('settings store: one writer per data folder', () => {
  it('keeps every engagement two processes create at the same time on one folder', async () => {
    const [first, second] = await Promise.all([writerProcess(25, 'A'), writerProcess(25, 'B')]);
    expect(first).toHaveLength(25);
    expect(second).toHaveLength(25);
    const saved = createEngagementRepository(createNodeSettingsStore({ cwd: dir }), clock).list().map((e) => e.id);
    expect(new Set(saved)).toEqual(new Set([...first, ...second]));
  }, 60_000);

  it('breaks the lock of a process that is no longer running', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'settings.json.lock'), gone.stdout);
    const repository = createEngagementRepository(createNodeSettingsStore({ cwd: dir, lockWaitMs: 500 }), clock);
    repository.create({ name: 'Contoso', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' });
    expect(repository.list()).toHaveLength(1);
  });

  it('breaks a lock far older than any change, even when its PID now belongs to a live process', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 30000)'], { stdio: 'ignore' });
    try {
      const lock = join(dir, 'settings.json.lock');
      writeFileSync(lock, String(holder.pid));
      const longAgo = new Date(Date.now() - 120_000);
      utimesSync(lock, longAgo, longAgo);
      const repository = createEngagementRepository(createNodeSettingsStore({ cwd: dir, lockWaitMs: 300 }), clock);
      repository.create({ name: 'Contoso', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' });
      expect(repository.list()).toHaveLength(1);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.on('exit', resolve));
    }
  });

  it('refuses a change with a clear message while a live process holds the lock, and loses nothing', async () => {
    const repository = createEngagementRepository(createNodeSettingsStore({ cwd: dir, lockWaitMs: 300 }), clock);
    repository.create({ name: 'Contoso', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'settings.json.lock'), String(holder.pid));
      const attempt = (): unknown => repository.create({ name: 'Fabrikam', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' });
      expect(attempt).toThrow(SettingsBusyError);
      expect(attempt).toThrow(new RegExp(`another Mailflow Assistant process \\(PID ${String(holder.pid)}\\) is writing .*settings\\.json`));
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.on('exit', resolve));
    }
    expect(repository.list().map((e) => e.name)).toEqual(['Contoso']);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ engagements: [{ name: 'Contoso' }] });
  });
});
