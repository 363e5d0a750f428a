import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveScripts } from '../../../main/app/scripts.js';
import { generateScripts } from '../../../main/core/scripts/generate.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const scripts = generateScripts({
  domains: ['contoso.com'],
  smartHosts: ['mail.contoso.com'],
  scope: 'accepted-domains',
  inboundBy: 'ip',
  senderIpAddresses: ['203.0.113.10'],
  serverKind: 'postfix',
  testAddresses: [],
  tenantMx: 'contoso-com.mail.protection.outlook.com',
  mode: 'new',
});

describe('saveScripts', () => {
  it('writes every script into a new folder, PowerShell with its BOM, shell scripts executable', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mailflow-app-scripts-'));
    dirs.push(root);
    const dir = join(root, 'nested', 'out');
    const paths = await saveScripts(scripts, dir);
    expect(paths).toEqual(scripts.map((script) => join(dir, script.filename)));
    const ps1 = readFileSync(join(dir, 'exchange-online.ps1'));
    expect([...ps1.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(statSync(join(dir, 'postfix.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'postfix-main.cf')).mode & 0o777).toBe(0o644);
  });

  it('says which folder it could not create', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mailflow-app-scripts-'));
    dirs.push(root);
    await saveScripts(scripts.slice(0, 1), root);
    await expect(saveScripts(scripts, join(root, 'exchange-online.ps1', 'below'))).rejects.toThrow(/^cannot create the folder .+below: (EEXIST|ENOTDIR)$/);
  });
});
