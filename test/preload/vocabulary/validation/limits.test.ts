/** One set of limits: the CLI's options and the contract's arguments refuse the same values with the same words. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../main/cli/command.js';
import { preflightInputs } from '../../../../main/cli/commands/preflight.js';
import { dispatch } from '../../../../main/ipc/dispatch.js';
import type { Engagement, Envelope } from '../../../../preload/contract.js';
import { defaultCheckSettings } from '../../../../preload/vocabulary/engagement.js';
import { LIMITS } from '../../../../preload/vocabulary/limits.js';
import { checkAllowListSize, parseCheckTimeout } from '../../../../preload/vocabulary/validation/limits.js';
import { createTestApp } from '../../../lab/app-handlers.js';
import { memoryIo } from '../../../lab/cli-io.js';

const app = createTestApp();
const cwd = mkdtempSync(join(tmpdir(), 'mailflow-limits-'));
afterAll(() => {
  app.cleanup();
  rmSync(cwd, { recursive: true, force: true });
});

const BASE = ['--domain', 'contoso.test', '--smart-host', 'mail.contoso.test'];

/** The message the CLI prints for these options, without the option name. */
async function cliRefusal(args: readonly string[]): Promise<string> {
  try {
    await preflightInputs([...BASE, ...args], memoryIo({ cwd }).io);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return 'accepted';
}

/** The message the contract answers for these check settings, without the field name. */
async function ipcRefusal(settings: Partial<typeof defaultCheckSettings>): Promise<string> {
  const created = (await dispatch(app.handlers, 'createEngagement', [{ name: 'Limits', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' }], () => undefined)) as Envelope<Engagement>;
  if (!created.ok) throw new Error(created.error.message);
  const answer = await dispatch(app.handlers, 'updateCheckSettings', [created.value.id, { ...defaultCheckSettings, ...settings }], () => undefined);
  if (answer.ok) return 'accepted';
  expect(answer.error.code).toBe('invalid-request');
  return answer.error.message;
}

describe('the check timeout', () => {
  it.each([100, 499, 120_001, 600_000])('%i ms is refused by the CLI and the contract with the same message', async (value) => {
    const rule = parseCheckTimeout(value);
    if (rule.ok) throw new Error('expected a refusal');
    expect(rule.error).toBe(`must be a whole number of milliseconds from 500 to 120000, not "${String(value)}"`);
    expect(await cliRefusal(['--timeout-ms', String(value)])).toBe(`--timeout-ms: ${rule.error}`);
    expect(await ipcRefusal({ timeoutMs: value })).toBe(`Invalid arguments for updateCheckSettings: 1.timeoutMs ${rule.error}.`);
  });

  it.each([LIMITS.checkTimeoutMs.min, LIMITS.checkTimeoutMs.max])('%i ms is accepted by both', async (value) => {
    expect(await cliRefusal(['--timeout-ms', String(value)])).toBe('accepted');
    expect(await ipcRefusal({ timeoutMs: value })).toBe('accepted');
  });
});

describe('the firewall allow list', () => {
  const entries = (count: number): string => Array.from({ length: count }, (_, i) => `10.${String(i >> 8 & 255)}.${String(i & 255)}.0/24`).join('\n');

  it('is refused over the entry cap by the CLI and the contract with the same message', async () => {
    const text = entries(LIMITS.firewallAllowEntries + 1);
    const rule = checkAllowListSize(text);
    if (rule.ok) throw new Error('expected a refusal');
    expect(rule.error).toBe('the allow list may hold at most 5,000 entries and 100,000 characters (this one has 5,001 entries)');
    writeFileSync(join(cwd, 'allow.txt'), text);
    expect(await cliRefusal(['--firewall-allow', 'allow.txt'])).toBe(`--firewall-allow allow.txt: ${rule.error}`);
    expect(await ipcRefusal({ firewallAllow: text })).toBe(`Invalid arguments for updateCheckSettings: 1.firewallAllow ${rule.error}.`);
  });

  it('is accepted at the cap by both', async () => {
    const text = entries(LIMITS.firewallAllowEntries);
    writeFileSync(join(cwd, 'allow-ok.txt'), text);
    expect(await cliRefusal(['--firewall-allow', 'allow-ok.txt'])).toBe('accepted');
    expect(await ipcRefusal({ firewallAllow: text })).toBe('accepted');
  });

  it('refuses a million-line list by its size alone, before any parsing', () => {
    const huge = '10.0.0.1\n'.repeat(1_000_000);
    expect(checkAllowListSize(huge)).toMatchObject({ ok: false, error: expect.stringContaining('(this one has 9,000,000 characters)') as unknown });
  });
});
