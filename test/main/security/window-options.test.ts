import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/csp.js';
import { isAllowedExternalUrl } from '../../../main/security/external-links.js';
import { mainWindowOptions } from '../../../main/security/window-options.js';

describe('main window security', () => {
  const options = mainWindowOptions('/app/preload/index.cjs');

  it('keeps the sandbox and isolation on and Node out of the renderer', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('loads a CommonJS preload (an ESM preload would force the sandbox off)', () => {
    expect(options.webPreferences?.preload?.endsWith('.cjs')).toBe(true);
  });

  it('fits the smallest supported screen', () => {
    expect(options.minWidth).toBeLessThanOrEqual(1024);
    expect(options.minHeight).toBeLessThanOrEqual(700);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('denies by default and allows only our own scripts, without inline or eval', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('is the same policy the renderer page declares', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('external links', () => {
  it('opens only https links to the allowed Microsoft and reference sites', () => {
    expect(isAllowedExternalUrl('https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/')).toBe(true);
    expect(isAllowedExternalUrl('http://learn.microsoft.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://learn.microsoft.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pass@learn.microsoft.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});
