import { describe, expect, it } from 'vitest';
import { FIX_ACTIONS, FIX_SETTINGS, STEP_IDS } from '../../../../preload/contract';
import { actionPlace, appFix, settingPlace } from '../../../../renderer/src/features/checks/advice.js';

describe('appFix', () => {
  it('labels a setting fix with the card and the field, in the app’s words, and says where the field is', () => {
    expect(appFix({ kind: 'setting', setting: 'firewallAllow' })).toEqual({
      kind: 'setting',
      label: 'Open Check settings: Firewall allow list for port 25',
      place: { step: 'prerequisites', elementId: 'field-firewallAllow' },
    });
    expect(appFix({ kind: 'setting', setting: 'smartHosts' })).toEqual({
      kind: 'setting',
      label: 'Open Engagement details: Your server’s external name or IP (smart host)',
      place: { step: 'prerequisites', elementId: 'field-smartHosts', opens: 'engagement-details' },
    });
    expect(appFix({ kind: 'setting', setting: 'certificateName' })).toMatchObject({ place: { step: 'part1', elementId: 'field-certificateName' } });
  });

  it('opens the extra trusted CA field in the check settings', () => {
    expect(appFix({ kind: 'setting', setting: 'extraCa' })).toEqual({
      kind: 'setting',
      label: 'Open Check settings: Extra trusted CA certificates (PEM)',
      place: { step: 'prerequisites', elementId: 'field-extraCa' },
    });
  });

  it('labels an action and places a command', () => {
    expect(appFix({ kind: 'action', action: 'refresh-ranges' })).toEqual({ kind: 'action', label: 'Refresh the Office 365 address ranges', action: 'refresh-ranges' });
    expect(appFix({ kind: 'command', place: 'dns', command: 'contoso.test. IN MX 0 x.' })).toEqual({ kind: 'command', label: 'In the DNS zone', command: 'contoso.test. IN MX 0 x.' });
  });
});

describe('where fixes open', () => {
  it('gives every setting a field on a step page', () => {
    for (const setting of FIX_SETTINGS) expect(settingPlace(setting).elementId).toBe(`field-${setting}`);
  });

  it('opens the panel of every action except running the checks again, which shows its progress in place', () => {
    for (const step of STEP_IDS) {
      for (const action of FIX_ACTIONS) {
        const place = actionPlace(action, step);
        if (action === 'run-again') expect(place).toBeNull();
        else expect(place?.elementId).toMatch(/^(firewall-heading|m365-heading|records-|office-proof-heading-validation$)/);
      }
    }
    expect(actionPlace('records-to-publish', 'part1')?.step).toBe('part1');
    expect(actionPlace('records-to-publish', 'prerequisites')?.step).toBe('part2');
    expect(actionPlace('import-validation', 'prerequisites')).toEqual({ step: 'part1', elementId: 'office-proof-heading-validation' });
  });
});
