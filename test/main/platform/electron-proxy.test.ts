import { describe, expect, it } from 'vitest';
import { createSystemProxyResolver } from '../../../main/platform/electron-proxy.js';

/** Stands in for Electron's session: resolveProxy answers as Chromium does, a PAC result string. */
const session = (answers: Readonly<Record<string, string>>) => ({
  asked: [] as string[],
  resolveProxy(url: string): Promise<string> {
    this.asked.push(url);
    return Promise.resolve(answers[new URL(url).host] ?? 'DIRECT');
  },
});

describe('createSystemProxyResolver', () => {
  it('uses the system settings Electron resolves for each URL', async () => {
    const fake = session({ 'login.microsoftonline.com': 'PROXY proxy.contoso.test:8080; DIRECT' });
    const resolve = createSystemProxyResolver(fake, {});
    expect(await resolve('https://login.microsoftonline.com/organizations')).toEqual({ kind: 'proxy', url: 'http://proxy.contoso.test:8080' });
    expect(await resolve('https://graph.microsoft.com/v1.0/domains')).toEqual({ kind: 'direct' });
    expect(fake.asked).toEqual(['https://login.microsoftonline.com/organizations', 'https://graph.microsoft.com/v1.0/domains']);
  });

  it('lets HTTPS_PROXY win over the system settings', async () => {
    const fake = session({ 'graph.microsoft.com': 'PROXY system.test:8080' });
    expect(await createSystemProxyResolver(fake, { HTTPS_PROXY: 'http://env.test:3128' })('https://graph.microsoft.com/')).toEqual({ kind: 'proxy', url: 'http://env.test:3128' });
    expect(fake.asked).toEqual([]);
  });
});
