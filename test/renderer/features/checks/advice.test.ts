import { describe, expect, it } from 'vitest';
import { appFix } from '../../../../renderer/src/features/checks/advice.js';

describe('appFix', () => {
  it('labels a setting fix with the card and the field, in the app’s words', () => {
    expect(appFix({ kind: 'setting', setting: 'firewallAllow' })).toEqual({ kind: 'setting', label: 'Open Check settings: Firewall allow list for port 25' });
    expect(appFix({ kind: 'setting', setting: 'smartHosts' })).toEqual({ kind: 'setting', label: 'Open Engagement details: Your server’s external name or IP (smart host)' });
  });

  it('shows nothing for a setting the app has no field for', () => {
    expect(appFix({ kind: 'setting', setting: 'extraCa' })).toBeNull();
  });

  it('labels an action and places a command', () => {
    expect(appFix({ kind: 'action', action: 'refresh-ranges' })).toEqual({ kind: 'action', label: 'Refresh the Office 365 address ranges' });
    expect(appFix({ kind: 'command', place: 'dns', command: 'contoso.test. IN MX 0 x.' })).toEqual({ kind: 'command', label: 'In the DNS zone', command: 'contoso.test. IN MX 0 x.' });
  });
});
