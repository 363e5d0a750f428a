import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../main/security/permissions.js';

const APP = 'app://mailflow';
const ask = (permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined) => ({ permission, requestingUrl, isMainFrame });

describe('renderer permissions', () => {
  it('allows the sanitized clipboard write to the app top frame, by URL or by origin', () => {
    expect(isPermissionAllowed(ask('clipboard-sanitized-write', 'app://mailflow/index.html', true), APP)).toBe(true);
    expect(isPermissionAllowed(ask('clipboard-sanitized-write', 'app://mailflow', true), APP)).toBe(true);
  });

  it('refuses every other permission, even to the app top frame', () => {
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'pointerLock', '']) {
      expect(isPermissionAllowed(ask(permission, 'app://mailflow/index.html', true), APP)).toBe(false);
    }
  });

  it('refuses a subframe, or a frame Electron does not call the main one', () => {
    expect(isPermissionAllowed(ask('clipboard-sanitized-write', 'app://mailflow/index.html', false), APP)).toBe(false);
    expect(isPermissionAllowed(ask('clipboard-sanitized-write', 'app://mailflow/index.html', undefined), APP)).toBe(false);
  });

  it('refuses a foreign origin or a URL it cannot read', () => {
    for (const url of ['https://mailflow/index.html', 'app://evil/index.html', 'app://mailflow.evil/', 'https://example.com/', 'file:///etc/passwd', 'app://user:pw@mailflow/', 'not a url', '']) {
      expect(isPermissionAllowed(ask('clipboard-sanitized-write', url, true), APP)).toBe(false);
    }
    expect(isPermissionAllowed(ask('clipboard-sanitized-write', undefined, true), APP)).toBe(false);
  });
});
