import { describe, expect, it } from 'vitest';
import { jsonResult, renderAdvice, renderFix } from '../../../main/cli/advice.js';
import type { CheckResult } from '../../../main/core/checks/types.js';

describe('advice in the command line’s terms', () => {
  it('renders a setting as its option, an action as its command, a command as is', () => {
    expect(renderFix({ kind: 'setting', setting: 'firewallAllow' })).toBe('--firewall-allow FILE');
    expect(renderFix({ kind: 'setting', setting: 'timeoutMs' })).toBe('--timeout-ms N');
    expect(renderFix({ kind: 'action', action: 'refresh-ranges' })).toBe('mailflow ranges --refresh');
    expect(renderFix({ kind: 'command', place: 'dns', command: 'contoso.test. IN MX 0 x.' })).toBe('contoso.test. IN MX 0 x.');
  });

  it('puts the fixes after the words', () => {
    expect(renderAdvice({ text: 'Give the allow list.', fixes: [] })).toBe('Give the allow list.');
    expect(renderAdvice({ text: 'Give the allow list.', fixes: [{ kind: 'setting', setting: 'firewallAllow' }, { kind: 'action', action: 'firewall-rules' }] })).toBe(
      'Give the allow list. [--firewall-allow FILE; mailflow ranges --format iptables|nftables|windows|cidr]',
    );
  });

  it('keeps "advice" a string in JSON and adds "fixes"', () => {
    const base: CheckResult = { id: 'firewall.eop-ranges', title: 't', step: 'prerequisites', target: null, status: 'skip', summary: 's', evidence: {}, durationMs: 1 };
    expect(jsonResult(base)).toEqual(base);
    const fixes = [{ kind: 'setting', setting: 'firewallAllow' }] as const;
    expect(jsonResult({ ...base, advice: { text: 'Give the allow list.', fixes } })).toEqual({ ...base, advice: 'Give the allow list. [--firewall-allow FILE]', fixes });
  });
});
