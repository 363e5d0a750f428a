import { describe, expect, it } from 'vitest';
import { CLOUD_NAMES, CLOUD_PROFILES, DEFAULT_M365_SETTINGS, M365ConfigurationError, resolveM365Endpoints } from '../../../../main/core/m365/clouds.js';

const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';

describe('resolveM365Endpoints', () => {
  it('derives the worldwide endpoints from the defaults and a client id', () => {
    const endpoints = resolveM365Endpoints({ ...DEFAULT_M365_SETTINGS, clientId: CLIENT_ID });
    expect(endpoints).toMatchObject({
      authority: 'https://login.microsoftonline.com/organizations',
      graphBaseUrl: 'https://graph.microsoft.com',
      exchangeBaseUrl: 'https://outlook.office365.com',
      graphScopes: ['https://graph.microsoft.com/Domain.Read.All'],
      exchangeScopes: ['https://outlook.office365.com/Exchange.ManageV2'],
    });
    expect(endpoints.cloud.endpointsInstance).toBe('Worldwide');
  });

  it('uses each national cloud its own hosts', () => {
    const gcch = resolveM365Endpoints({ cloud: 'USGovGCCHigh', clientId: CLIENT_ID, tenant: 'contoso.us' });
    expect(gcch.authority).toBe('https://login.microsoftonline.us/contoso.us');
    expect(gcch.graphScopes).toEqual(['https://graph.microsoft.us/Domain.Read.All']);
    expect(resolveM365Endpoints({ cloud: 'USGovDoD', clientId: CLIENT_ID, tenant: 'organizations' }).graphBaseUrl).toBe('https://dod-graph.microsoft.us');
    const china = resolveM365Endpoints({ cloud: 'China', clientId: CLIENT_ID, tenant: 'organizations' });
    expect(china.authority).toBe('https://login.partner.microsoftonline.cn/organizations');
    expect(china).toMatchObject({ graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn', exchangeBaseUrl: 'https://outlook.office365.cn', exchangeScopes: ['https://outlook.office365.cn/Exchange.ManageV2'] });
    expect(new Set(CLOUD_NAMES.map((name) => CLOUD_PROFILES[name].endpointsInstance)).size).toBe(4);
  });

  it('uses the Exchange Online Admin API base URL and token resource Microsoft documents for each environment', () => {
    const exchange = Object.fromEntries(
      CLOUD_NAMES.map((name) => {
        const endpoints = resolveM365Endpoints({ cloud: name, clientId: CLIENT_ID, tenant: 'organizations' });
        return [name, `${endpoints.exchangeBaseUrl} ${endpoints.exchangeScopes.join(' ')}`];
      }),
    );
    expect(exchange).toEqual({
      Worldwide: 'https://outlook.office365.com https://outlook.office365.com/Exchange.ManageV2',
      USGovGCCHigh: 'https://outlook.office365.us https://outlook.office365.us/Exchange.ManageV2',
      USGovDoD: 'https://outlook-dod.office365.us https://outlook-dod.office365.us/Exchange.ManageV2',
      China: 'https://outlook.office365.cn https://outlook.office365.cn/Exchange.ManageV2',
    });
  });

  it('moves the network to overrides but keeps the scopes named after the cloud', () => {
    const endpoints = resolveM365Endpoints({ ...DEFAULT_M365_SETTINGS, clientId: CLIENT_ID }, { authorityBaseUrl: 'https://127.0.0.170:8443/', graphBaseUrl: 'https://127.0.0.170:8443', exchangeBaseUrl: 'https://127.0.0.170:8443' });
    expect(endpoints.authority).toBe('https://127.0.0.170:8443/organizations');
    expect(endpoints.graphScopes).toEqual(['https://graph.microsoft.com/Domain.Read.All']);
  });

  it('says what to fix in the settings', () => {
    expect(() => resolveM365Endpoints(DEFAULT_M365_SETTINGS)).toThrow(/register an app/);
    expect(() => resolveM365Endpoints({ ...DEFAULT_M365_SETTINGS, clientId: 'my-app' })).toThrow(M365ConfigurationError);
    expect(() => resolveM365Endpoints({ ...DEFAULT_M365_SETTINGS, clientId: CLIENT_ID, tenant: 'not a tenant' })).toThrow(/not a tenant/);
    expect(() => resolveM365Endpoints({ ...DEFAULT_M365_SETTINGS, clientId: CLIENT_ID }, { graphBaseUrl: 'http://127.0.0.170' })).toThrow(/https/);
  });
});
