import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createM365Auth } from '../../../../main/core/m365/auth.js';
import type { M365Auth } from '../../../../main/core/m365/auth.js';
import { createExchangeAdminClient, organizationAnchorMailbox } from '../../../../main/core/m365/exchange-admin.js';
import { createHttpsTransport } from '../../../../main/core/m365/http.js';
import type { HttpRequest, HttpTransport } from '../../../../main/core/m365/http.js';
import { createLimitedSecretStore } from '../../../lab/limited-secret-store.js';
import { createChunkedSecretStore } from '../../../../main/core/secrets/chunked-secret-store.js';
import { ORGANIZATION_ANCHOR_MAILBOX, SAMPLE_TENANT, adminApiProblem, startM365Peer } from '../../../lab/m365-peer.js';
import type { AdminApiAvailability, M365Peer } from '../../../lab/m365-peer.js';
import { systemClock } from '../../../../main/platform/clock.js';

const TENANT = '0550b473-9fd2-4dbb-a058-a1640b4bf458';
const URL_BASE = `https://outlook.office365.com/adminapi/v2.0/${TENANT}/AcceptedDomain`;
const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';

function fixed(pages: Readonly<Record<string, unknown>>): { transport: HttpTransport; seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    transport: (request) => {
      seen.push(request);
      return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify(pages[request.url]) });
    },
  };
}

const client = (transport: HttpTransport) => createExchangeAdminClient({ baseUrl: 'https://outlook.office365.com', tenantId: TENANT }, { transport, getToken: () => Promise.resolve('t') });

describe('createExchangeAdminClient', () => {
  it('runs Get-AcceptedDomain with $select and the organisation routing hint, and follows nextLink', async () => {
    const first = `${URL_BASE}?$select=DomainName,DomainType,Default`;
    const { transport, seen } = fixed({
      [first]: { value: [{ DomainName: 'Contoso.test', DomainType: 'Authoritative', Default: true }], '@odata.nextLink': `${URL_BASE}?$skiptoken=1` },
      [`${URL_BASE}?$skiptoken=1`]: { value: [{ DomainName: 'relay.contoso.test', DomainType: 'InternalRelay' }] },
    });
    expect(await client(transport).acceptedDomains()).toEqual([
      { domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true },
      { domainName: 'relay.contoso.test', domainType: 'InternalRelay', isDefault: false },
    ]);
    expect(seen.map((request) => request.url)).toEqual([first, `${URL_BASE}?$skiptoken=1`]);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ CmdletInput: { CmdletName: 'Get-AcceptedDomain', Parameters: {} } });
    expect(seen[0]?.headers).toMatchObject({ 'x-anchormailbox': `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${TENANT}`, 'content-type': 'application/json' });
  });

  it('reads the cmdlet’s full output shapes: DomainName as an object, DomainType as a number, Default as text', async () => {
    const { transport } = fixed({
      [`${URL_BASE}?$select=DomainName,DomainType,Default`]: {
        value: [
          { DomainName: { Domain: 'Contoso.test', IncludeSubDomains: false, SmtpDomain: { Domain: 'Contoso.test' } }, DomainType: 0, Default: 'True', Name: 'Contoso.test', Identity: 'Contoso.test', AddressBookEnabled: true, WhenChanged: '2026-01-01T00:00:00Z' },
          { DomainName: { Domain: 'fabrikam.test', IncludeSubDomains: true }, DomainType: 2, Default: 'False' },
          { DomainName: 'partner.test.', DomainType: 'ExternalRelay', Default: null },
        ],
      },
    });
    expect(await client(transport).acceptedDomains()).toEqual([
      { domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true },
      { domainName: '*.fabrikam.test', domainType: 'InternalRelay', isDefault: false },
      { domainName: 'partner.test', domainType: 'ExternalRelay', isDefault: false },
    ]);
  });

  it('refuses an entry without a domain name as malformed', async () => {
    const { transport } = fixed({ [`${URL_BASE}?$select=DomainName,DomainType,Default`]: { value: [{ DomainType: 'Authoritative' }] } });
    await expect(client(transport).acceptedDomains()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('builds the documented organisation anchor', () => {
    expect(organizationAnchorMailbox(TENANT)).toBe(`${ORGANIZATION_ANCHOR_MAILBOX}@${TENANT}`);
  });
});

describe('the Admin API on the strict peer', () => {
  const peers = new Map<AdminApiAvailability, M365Peer>();
  const auths = new Map<AdminApiAvailability, M365Auth>();

  beforeAll(async () => {
    const hosts: Readonly<Record<AdminApiAvailability, string>> = { available: '127.0.0.171', forbidden: '127.0.0.172', 'not-found': '127.0.0.173' };
    for (const availability of ['available', 'forbidden', 'not-found'] as const) {
      const peer = await startM365Peer({ clientId: CLIENT_ID, host: hosts[availability], pendingPolls: 0, adminApi: availability, ...SAMPLE_TENANT });
      const auth = createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: createChunkedSecretStore(createLimitedSecretStore()), transport: createHttpsTransport({ extraCaPem: [peer.rootPem] }) });
      await auth.signInWithDeviceCode(() => undefined);
      peers.set(availability, peer);
      auths.set(availability, auth);
    }
  });

  afterAll(async () => {
    for (const peer of peers.values()) await peer.close();
  });

  const read = (availability: AdminApiAvailability) => {
    const peer = peers.get(availability);
    const auth = auths.get(availability);
    if (peer === undefined || auth === undefined) throw new Error('peer not started');
    return createExchangeAdminClient(
      { baseUrl: peer.url, tenantId: peer.tenantId },
      { transport: createHttpsTransport({ extraCaPem: [peer.rootPem] }), getToken: () => auth.getToken(peer.endpoints().exchangeScopes) },
    ).acceptedDomains();
  };

  it('works for an admin without a mailbox (the peer knows no mailboxes) and gets only the selected properties', async () => {
    expect(await read('available')).toEqual([
      { domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true },
      { domainName: 'contoso.onmicrosoft.test', domainType: 'Authoritative', isDefault: false },
    ]);
    const headers = peers.get('available')?.adminApiHeaders.at(-1);
    expect(headers?.['x-anchormailbox']).toBe(`${ORGANIZATION_ANCHOR_MAILBOX}@${peers.get('available')?.tenantId ?? ''}`);
    expect(headers?.['content-type']).toBe('application/json');
  });

  it('explains a 403 as the preview not being available, with the inventory import as the fallback', async () => {
    const failure = read('forbidden');
    await expect(failure).rejects.toMatchObject({ kind: 'permission', detail: { status: 403 } });
    await expect(failure).rejects.toThrow(/Admin API \(preview\) is not available to this tenant or account.*inventory-script --side exchange-online/);
  });

  it('the peer refuses what the service refuses: no JSON content type, another cmdlet, a UPN anchor of a user without a mailbox', () => {
    const body = JSON.stringify({ CmdletInput: { CmdletName: 'Get-AcceptedDomain', Parameters: {} } });
    const org = `${ORGANIZATION_ANCHOR_MAILBOX}@${TENANT}`;
    expect(adminApiProblem({ 'content-type': 'application/json', 'x-anchormailbox': org }, body, TENANT, [])).toBeNull();
    expect(adminApiProblem({ 'x-anchormailbox': org }, body, TENANT, [])?.code).toBe('UnsupportedMediaType');
    expect(adminApiProblem({ 'content-type': 'application/json', 'x-anchormailbox': org }, body.replace('Get-AcceptedDomain', 'Set-AcceptedDomain'), TENANT, [])?.code).toBe('BadRequest');
    expect(adminApiProblem({ 'content-type': 'application/json' }, body, TENANT, [])?.code).toBe('ErrorMissingRoutingHint');
    expect(adminApiProblem({ 'content-type': 'application/json', 'x-anchormailbox': 'UPN:admin@contoso.test' }, body, TENANT, [])?.code).toBe('ErrorIncorrectRoutingHint');
    expect(adminApiProblem({ 'content-type': 'application/json', 'x-anchormailbox': 'UPN:admin@contoso.test' }, body, TENANT, ['admin@contoso.test'])).toBeNull();
  });

  it('explains a 404 the same way', async () => {
    await expect(read('not-found')).rejects.toThrow(/Admin API \(preview\) is not available to this tenant or account \(HTTP 404.*import its output/);
  });
});
