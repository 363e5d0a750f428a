import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../main/cli/command.js';
import { checksMarkdown, command, formatChecks } from '../../../../main/cli/commands/checks.js';
import { describeChecks } from '../../../../main/core/checks/registry.js';
import { memoryIo } from '../../../lab/cli-io.js';

const docsPath = fileURLToPath(new URL('../../../../docs/checks.md', import.meta.url));

describe('mailflow checks', () => {
  it('lists every check in report order with its step, what it proves, its dependencies and statuses', async () => {
    const { io, out } = memoryIo();
    expect(await command.run([], io)).toBe(0);
    const text = out();
    const ids = describeChecks().map((info) => info.id);
    const positions = ids.map((id) => text.indexOf(`${id}  (`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('dns.mx  (part1, per domain)\n  MX points to Office 365\n  proves: ');
    expect(text).toContain('  depends on: smtp.connect\n');
    expect(text).toContain('  skip  No firewall allow list was given.');
    expect(text).toBe(formatChecks(describeChecks()));
  });

  it('prints the catalog as JSON with --json', async () => {
    const { io, out } = memoryIo();
    expect(await command.run(['--json'], io)).toBe(0);
    const catalog = JSON.parse(out()) as unknown;
    expect(catalog).toEqual(describeChecks());
    expect(catalog).toContainEqual(expect.objectContaining({ id: 'smtp.banner', step: 'prerequisites', perDomain: false, dependsOn: ['smtp.connect'] }));
  });

  it('refuses an unknown option as bad usage', async () => {
    await expect(command.run(['--yaml'], memoryIo().io)).rejects.toThrow(UsageError);
  });
});

describe('docs/checks.md', () => {
  it('is generated from the registry and up to date (run `npm run docs` after changing a check)', () => {
    expect(readFileSync(docsPath, 'utf8')).toBe(checksMarkdown(describeChecks()));
  });

  it('has a section for every check with the meaning of each of its statuses', () => {
    const markdown = checksMarkdown(describeChecks());
    for (const info of describeChecks()) {
      expect(markdown).toContain(`\n## ${info.id}\n`);
      for (const meaning of Object.values(info.statuses)) expect(markdown).toContain(meaning.replaceAll('|', '\\|'));
    }
  });
});
