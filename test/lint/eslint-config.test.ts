/** The lint rules that guard the architecture and TLS verification must keep firing. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.message);
}

// The first lint builds the type-aware program of the whole project: slow on a busy machine.
describe('lint rules', { timeout: 120_000 }, () => {
  it('keep Electron, keytar, electron-store and conf out of main/core', async () => {
    for (const module of ['electron', 'keytar', 'electron-store', 'conf']) {
      const found = await messages(`import '${module}';\n`, 'main/core/checks/types.ts');
      expect(found.some((m) => m.includes('main/core is plain Node'))).toBe(true);
    }
  });

  it('keep adapters out of main/core', async () => {
    const found = await messages("import '../../platform/keychain.js';\n", 'main/core/checks/types.ts');
    expect(found.some((m) => m.includes('must not depend on adapters'))).toBe(true);
  });

  it('keep the check plug-in API out of the modules below the checks, and the core rules there too', async () => {
    const upward = "import type { CheckContext } from '../checks/types.js';\n";
    expect((await messages(upward, 'main/core/tls/analysis.ts')).some((m) => m.includes('sit below the checks'))).toBe(true);
    expect((await messages(upward, 'main/core/m365/auth.ts')).some((m) => m.includes('sit below the checks'))).toBe(true);
    expect((await messages(upward, 'main/core/preflight/run.ts')).some((m) => m.includes('sit below the checks'))).toBe(false);
    expect((await messages("import 'keytar';\n", 'main/core/smtp/probe-types.ts')).some((m) => m.includes('main/core is plain Node'))).toBe(true);
  });

  it('forbid hand-written copies of the error-message helper', async () => {
    const copy = 'export const m = (error: unknown): string => (error instanceof Error ? error.message : String(error));\n';
    expect((await messages(copy, 'main/app/checks.ts')).some((m) => m.includes('Use errorMessage()'))).toBe(true);
    expect((await messages(copy, 'renderer/src/api/errors.ts')).some((m) => m.includes('Use errorMessage()'))).toBe(true);
  });

  it('keep the clock, the environment and the home folder out of main/core', async () => {
    const cases = [
      ['export const t = Date.now();\n', 'Clock port'],
      ['export const t = new Date();\n', 'Clock port'],
      ['export const v = process.env.HOME;\n', 'never reads process.env'],
      ["import { homedir } from 'node:os';\nexport const h = homedir();\n", 'never reads the home folder'],
    ] as const;
    for (const [code, expected] of cases) {
      expect((await messages(code, 'main/core/checks/types.ts')).some((m) => m.includes(expected))).toBe(true);
      expect((await messages(code, 'main/app/checks.ts')).some((m) => m.includes(expected))).toBe(false);
    }
  });

  it('forbid turning certificate verification off, except in the SMTP/TLS probe', async () => {
    const code = 'export const options = { rejectUnauthorized: false };\n';
    expect((await messages(code, 'main/core/checks/types.ts')).some((m) => m.includes('Never turn certificate verification off'))).toBe(true);
    expect((await messages(code, 'main/ipc/handlers.ts')).some((m) => m.includes('Never turn certificate verification off'))).toBe(true);
    expect((await messages(code, 'main/core/smtp/tls-upgrade.ts')).some((m) => m.includes('Never turn certificate verification off'))).toBe(false);
  });

  it('keep Node and Electron out of the renderer', async () => {
    const found = await messages("import 'node:fs';\n", 'renderer/src/main.tsx');
    expect(found.some((m) => m.includes('The renderer is a web page'))).toBe(true);
  });

  it('let the renderer import nothing from main/, only the contract and its own files', async () => {
    const file = 'renderer/src/features/checks/StepChecks.tsx';
    for (const target of ['../../../../main/core/checks/check-ids', '../../../../main/ipc/handlers.js', '../../../../main/index']) {
      expect((await messages(`import '${target}';\n`, file)).some((m) => m.includes('The renderer imports nothing from main/'))).toBe(true);
    }
    const vocabulary = await messages("import '../../../../preload/vocabulary/checks.js';\n", file);
    expect(vocabulary.some((m) => m.includes('The renderer imports preload/contract only'))).toBe(true);
    const allowed = await messages("import { checklist } from '../../../../preload/contract';\nimport { runAction } from '../../api/actions';\nexport const used = [checklist, runAction];\n", file);
    expect(allowed.filter((m) => m.includes('The renderer'))).toEqual([]);
  });

  it('keep main/ipc, main/platform and the faces out of preload/', async () => {
    for (const target of ['../main/ipc/handlers.js', '../main/platform/keychain.js', '../main/preview/server.js', '../main/cli/main.js']) {
      expect((await messages(`import '${target}';\n`, 'preload/contract.ts')).some((m) => m.includes('preload/ carries the contract'))).toBe(true);
    }
    const allowed = await messages("export type { EngagementScripts } from '../../main/core/engagements/script-inputs.js';\n", 'preload/vocabulary/results.ts');
    expect(allowed.filter((m) => m.includes('preload/ carries the contract'))).toEqual([]);
  });
});
