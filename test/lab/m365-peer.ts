/**
 * A protocol-level stand-in for Microsoft 365 on loopback: one HTTPS server (certificate from the
 * test CA, its IP in the SAN) that speaks Entra ID's OAuth 2.0 endpoints (OpenID metadata, instance
 * discovery, authorize with form_post, device authorization, token with device_code,
 * authorization_code + PKCE and refresh_token grants), Microsoft Graph's domain routes and the
 * Exchange Online Admin API's AcceptedDomain route, with bodies shaped like Microsoft's docs.
 * Faults are programmed per route; every request is recorded so tests can see what was asked.
 *
 *   const peer = await startM365Peer({ clientId, host: '127.0.0.160' });
 *   const auth = createM365Auth({ endpoints: peer.endpoints(), transport: createHttpsTransport({ extraCaPem: [peer.rootPem] }), ... });
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolveM365Endpoints } from '../../main/core/m365/clouds.js';
import type { CloudName, M365Endpoints } from '../../main/core/m365/clouds.js';
import { errorMessage } from '../../preload/vocabulary/errors.js';
import { createTestPki } from './ca.js';

export type PeerRoute = 'token' | 'devicecode' | 'graph-domains' | 'graph-records' | 'accepted-domains';

/** What the person does with a device code on the verification page (or fails to do). */
export type DeviceCodeOutcome = 'approve' | 'decline' | 'expire' | 'bad-code';

/** The Admin API is in preview: a tenant or account without it gets 403 or 404. */
export type AdminApiAvailability = 'available' | 'forbidden' | 'not-found';

/** The routing hint Microsoft documents for organisation-level Admin API calls (no mailbox needed). */
export const ORGANIZATION_ANCHOR_MAILBOX = 'APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';

/** A canned answer that replaces the route's normal one. */
export interface PeerFault {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PeerUser {
  readonly upn: string;
  readonly name: string;
  readonly objectId: string;
}

export interface M365PeerOptions {
  readonly clientId: string;
  /** Loopback address to listen on (127.0.0.0/8). */
  readonly host: string;
  readonly tenantId?: string;
  readonly user?: PeerUser;
  readonly cloud?: CloudName;
  /** Access token lifetime; under MSAL's 5-minute margin every silent call refreshes. Default 3600. */
  readonly tokenLifetimeSeconds?: number;
  /** Device code polls answered authorization_pending before the outcome. Default 1. */
  readonly pendingPolls?: number;
  /**
   * "Supported account types" of the app registration. A single-tenant app cannot sign in at
   * `organizations` or `common` (AADSTS50194), as with Entra ID. Default multi-tenant.
   */
  readonly registration?: 'single-tenant' | 'multi-tenant';
  /** "Allow public client flows": off, the device code grant fails with AADSTS7000218. Default on. */
  readonly publicClientFlows?: boolean;
  /** UPNs with an Exchange Online mailbox; an X-AnchorMailbox naming anyone else is refused. Default none. */
  readonly mailboxes?: readonly string[];
  readonly adminApi?: AdminApiAvailability;
  readonly domains?: readonly unknown[];
  /** serviceConfigurationRecords bodies' value arrays, by domain id. */
  readonly records?: Readonly<Record<string, readonly unknown[]>>;
  readonly acceptedDomains?: readonly unknown[];
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly grantType: string | null;
  readonly scope: string | null;
}

export interface M365Peer {
  readonly url: string;
  readonly host: string;
  readonly rootPem: string;
  readonly tenantId: string;
  readonly user: PeerUser;
  readonly requests: RecordedRequest[];
  /** The endpoints for the sign-in and readers, pointed at this peer. */
  endpoints(tenant?: string): M365Endpoints;
  /** Answers the next `times` requests of `route` with `fault`. */
  failNext(route: PeerRoute, fault: PeerFault, times?: number): void;
  /** Refresh-token grants for this resource fail with AADSTS65001 (no consent) until set to null. */
  withholdConsentFor(resource: string | null): void;
  /** Device codes issued: the test plays the user who enters the code. */
  readonly issuedUserCodes: string[];
  /** What happens to the device codes issued from now on, after `slowDowns` slow_down answers. */
  setDeviceCodeOutcome(outcome: DeviceCodeOutcome, slowDowns?: number): void;
  /** When each device code poll arrived (ms since epoch), to check the client slowed down. */
  readonly pollTimes: number[];
  /** Headers of every Admin API request, lower-case names. */
  readonly adminApiHeaders: Readonly<Record<string, string | undefined>>[];
  close(): Promise<void>;
}

export const DEFAULT_PEER_USER: PeerUser = { upn: 'admin@contoso.test', name: 'Contoso Admin', objectId: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
export const DEFAULT_PEER_TENANT = '0550b473-9fd2-4dbb-a058-a1640b4bf458';

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

interface Grant {
  readonly scopes: readonly string[];
  readonly nonce: string | null;
}

interface PendingCode extends Grant {
  readonly challenge: string;
  readonly redirectUri: string;
}

interface PendingDeviceCode extends Grant {
  pollsLeft: number;
  slowDownsLeft: number;
  readonly outcome: DeviceCodeOutcome;
}

/** Tenant segments that mean "any organisation": refused for single-tenant apps. */
const MULTI_TENANT_SEGMENTS = new Set(['organizations', 'common']);

const base64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

function resourceOf(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return slash > 'https://'.length ? scope.slice(0, slash) : 'https://graph.microsoft.com';
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An Entra ID style error body (AADSTS code in the description, as the service sends it). */
export function aadError(error: string, code: number, description: string, suberror?: string): string {
  return JSON.stringify({
    error,
    error_description: `AADSTS${String(code)}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
    ...(suberror === undefined ? {} : { suberror }),
  });
}

/** Graph's error envelope. */
export function graphError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

/**
 * What Entra ID insists on for a public client's browser sign-in: the authorization code flow with
 * form_post, PKCE (S256, a 43-128 character verifier's challenge), exactly one non-empty state, and
 * a loopback http://localhost redirect URI. Null when the request is acceptable.
 */
export function authorizeProblem(query: URLSearchParams, clientId: string): string | null {
  if (query.get('client_id') !== clientId) return `AADSTS700016: Application with identifier '${query.get('client_id') ?? ''}' was not found in the directory.`;
  if (query.get('response_type') !== 'code') return "AADSTS900144: The request body must contain the following parameter: 'response_type' (code).";
  if (query.get('response_mode') !== 'form_post') return 'AADSTS900144: this peer requires response_mode=form_post, as the app uses it.';
  if (query.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(query.get('code_challenge') ?? '')) return 'AADSTS501491: Invalid size of Code_Challenge parameter, or code_challenge_method is not S256.';
  const states = query.getAll('state');
  if (states.length !== 1 || states[0] === '') return `AADSTS900144: exactly one non-empty state parameter is required (got ${String(states.length)}).`;
  const redirect = URL.canParse(query.get('redirect_uri') ?? '') ? new URL(query.get('redirect_uri') ?? '') : null;
  if (redirect?.protocol !== 'http:' || redirect.hostname !== 'localhost') return "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application (http://localhost).";
  return null;
}

/**
 * What the Admin API requires of every call (Get started with the Exchange Online Admin API,
 * "Request model"): a JSON body with a CmdletInput naming the endpoint's cmdlet, Content-Type
 * application/json and an X-AnchorMailbox routing hint: the organisation's system mailbox for
 * organisation-level calls, or "UPN:" of a user who has a mailbox.
 */
export function adminApiProblem(headers: Readonly<Record<string, string | string[] | undefined>>, body: string, tenantId: string, mailboxes: readonly string[]): { readonly code: string; readonly message: string } | null {
  if (!String(headers['content-type'] ?? '').startsWith('application/json')) return { code: 'UnsupportedMediaType', message: 'Content-Type must be application/json.' };
  let cmdlet: unknown;
  try {
    cmdlet = JSON.parse(body);
  } catch {
    return { code: 'BadRequest', message: 'The request body is not JSON.' };
  }
  const input = typeof cmdlet === 'object' && cmdlet !== null && 'CmdletInput' in cmdlet ? cmdlet.CmdletInput : null;
  const name = typeof input === 'object' && input !== null && 'CmdletName' in input ? input.CmdletName : null;
  if (name !== 'Get-AcceptedDomain') return { code: 'BadRequest', message: 'The AcceptedDomain endpoint runs Get-AcceptedDomain only.' };
  const anchor = String(headers['x-anchormailbox'] ?? '');
  if (anchor === '') return { code: 'ErrorMissingRoutingHint', message: 'An X-AnchorMailbox header is required.' };
  if (anchor.toLowerCase() === `${ORGANIZATION_ANCHOR_MAILBOX}@${tenantId}`.toLowerCase()) return null;
  const upn = anchor.startsWith('UPN:') ? anchor.slice('UPN:'.length).toLowerCase() : null;
  if (upn !== null && mailboxes.some((mailbox) => mailbox.toLowerCase() === upn)) return null;
  return { code: 'ErrorIncorrectRoutingHint', message: `The x-anchor mailbox '${anchor}' does not match the target of the request.` };
}

export async function startM365Peer(options: M365PeerOptions): Promise<M365Peer> {
  const pki = createTestPki();
  const issued = pki.issue({ commonName: 'm365.test', dnsNames: ['m365.test'], ipAddresses: [options.host] });
  const signingKey: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const keyId = randomBytes(8).toString('hex');
  const tenantId = options.tenantId ?? DEFAULT_PEER_TENANT;
  const user = options.user ?? DEFAULT_PEER_USER;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const requests: RecordedRequest[] = [];
  const faults = new Map<PeerRoute, PeerFault[]>();
  const accessTokens = new Map<string, { readonly resource: string; readonly expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  const codes = new Map<string, PendingCode>();
  const deviceCodes = new Map<string, PendingDeviceCode>();
  const issuedUserCodes: string[] = [];
  const pollTimes: number[] = [];
  const adminApiHeaders: Readonly<Record<string, string | undefined>>[] = [];
  let deviceOutcome: DeviceCodeOutcome = 'approve';
  let deviceSlowDowns = 0;
  let consentWithheld: string | null = null;
  let url = '';

  const profile = (tenant: string): M365Endpoints =>
    resolveM365Endpoints({ cloud: options.cloud ?? 'Worldwide', clientId: options.clientId, tenant }, { authorityBaseUrl: url, graphBaseUrl: url, exchangeBaseUrl: url });
  const graphResource = (): string => resourceOf(profile('organizations').graphScopes[0] ?? '');
  const exchangeResource = (): string => resourceOf(profile('organizations').exchangeScopes[0] ?? '');

  const idToken = (audience: string, nonce: string | null): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: keyId }));
    const claims = base64url(
      JSON.stringify({
        aud: audience,
        iss: `${url}/${tenantId}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        name: user.name,
        oid: user.objectId,
        preferred_username: user.upn,
        sub: base64url(createHash('sha256').update(user.objectId).digest()),
        tid: tenantId,
        ver: '2.0',
        ...(nonce === null ? {} : { nonce }),
      }),
    );
    return `${header}.${claims}.${base64url(sign('sha256', Buffer.from(`${header}.${claims}`), signingKey))}`;
  };

  const issueTokens = (grant: Grant): string => {
    const accessToken = base64url(randomBytes(32));
    const refreshToken = base64url(randomBytes(32));
    const resource = resourceOf(grant.scopes[0] ?? '');
    accessTokens.set(accessToken, { resource, expiresAt: Date.now() + lifetime * 1000 });
    refreshTokens.set(refreshToken, grant);
    return JSON.stringify({
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken(options.clientId, grant.nonce),
      client_info: base64url(JSON.stringify({ uid: user.objectId, utid: tenantId })),
    });
  };

  /** AADSTS50194 for a single-tenant app at a multi-tenant endpoint, as Entra ID answers it. */
  const audienceRefusal = (tenantSegment: string): string | null =>
    options.registration === 'single-tenant' && MULTI_TENANT_SEGMENTS.has(tenantSegment.toLowerCase())
      ? aadError(
          'invalid_request',
          50194,
          `Application '${options.clientId}'(Mailflow Assistant) is not configured as a multi-tenant application. Usage of the /${tenantSegment} endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
        )
      : null;

  const scopesOf = (scope: string | null): string[] => (scope ?? '').split(' ').filter((entry) => entry !== '' && !OIDC_SCOPES.has(entry));

  const send = (response: ServerResponse, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(body);
  };

  const fault = (route: PeerRoute): PeerFault | null => {
    const queue = faults.get(route);
    return queue?.shift() ?? null;
  };

  const bearer = (request: IncomingMessage, resource: string): 'ok' | 'missing' | 'expired' | 'wrong-audience' => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    const known = accessTokens.get(token);
    if (known === undefined) return 'missing';
    if (known.resource !== resource) return 'wrong-audience';
    return known.expiresAt < Date.now() ? 'expired' : 'ok';
  };

  const handleToken = (form: URLSearchParams, response: ServerResponse): void => {
    const grantType = form.get('grant_type');
    if (form.get('client_id') !== options.clientId) {
      send(response, 400, aadError('unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`));
      return;
    }
    if (grantType === 'device_code' || grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
      pollTimes.push(Date.now());
      if (options.publicClientFlows === false) {
        send(response, 401, aadError('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
        return;
      }
      const deviceCode = form.get('device_code') ?? '';
      const pending = deviceCodes.get(deviceCode);
      if (pending === undefined) {
        send(response, 400, aadError('expired_token', 70020, 'The provided value for the input parameter device_code is not valid.'));
        return;
      }
      if (pending.pollsLeft > 0) {
        pending.pollsLeft -= 1;
        send(response, 400, aadError('authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'));
        return;
      }
      if (pending.slowDownsLeft > 0) {
        pending.slowDownsLeft -= 1;
        send(response, 400, JSON.stringify({ error: 'slow_down', error_description: 'Polling too fast: wait 5 seconds longer between requests.' }));
        return;
      }
      deviceCodes.delete(deviceCode);
      if (pending.outcome === 'decline') {
        send(response, 400, aadError('authorization_declined', 70000, 'The end user denied the authorization request.'));
        return;
      }
      if (pending.outcome === 'expire') {
        send(response, 400, aadError('expired_token', 70019, 'Verification code expired.'));
        return;
      }
      if (pending.outcome === 'bad-code') {
        send(response, 400, aadError('bad_verification_code', 70021, 'The device code is not recognised.'));
        return;
      }
      send(response, 200, issueTokens(pending));
      return;
    }
    if (grantType === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (pending === undefined || base64url(createHash('sha256').update(verifier).digest()) !== pending.challenge || form.get('redirect_uri') !== pending.redirectUri) {
        send(response, 400, aadError('invalid_grant', 70000, 'The provided authorization code or PKCE verifier is invalid.'));
        return;
      }
      codes.delete(form.get('code') ?? '');
      send(response, 200, issueTokens({ scopes: scopesOf(form.get('scope')), nonce: pending.nonce }));
      return;
    }
    if (grantType === 'refresh_token') {
      const previous = refreshTokens.get(form.get('refresh_token') ?? '');
      if (previous === undefined) {
        send(response, 400, aadError('invalid_grant', 700082, 'The refresh token has expired due to inactivity.'));
        return;
      }
      const scopes = scopesOf(form.get('scope'));
      if (consentWithheld !== null && scopes.some((scope) => resourceOf(scope) === consentWithheld)) {
        send(
          response,
          400,
          aadError('invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${options.clientId}' named 'Mailflow Assistant'. Send an interactive authorization request for this user and resource.`, 'consent_required'),
        );
        return;
      }
      send(response, 200, issueTokens({ scopes, nonce: null }));
      return;
    }
    send(response, 400, aadError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestUrl = new URL(request.url ?? '/', url);
    const path = requestUrl.pathname;
    const body = request.method === 'POST' ? await readBody(request) : '';
    const form = new URLSearchParams(body);
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    requests.push({ method: request.method ?? '', path, grantType: isForm ? form.get('grant_type') : null, scope: isForm ? form.get('scope') : null });

    let match = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (match !== null) {
      const authority = `${url}/${match[1] ?? ''}`;
      send(
        response,
        200,
        JSON.stringify({
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
          issuer: `${url}/{tenantid}/v2.0`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        }),
      );
      return;
    }
    if (path === '/common/discovery/instance') {
      const host = new URL(url).host;
      send(response, 200, JSON.stringify({ tenant_discovery_endpoint: `${url}/common/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] }));
      return;
    }
    match = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/.exec(path);
    if (match !== null && request.method === 'GET') {
      const query = requestUrl.searchParams;
      const redirectUri = query.get('redirect_uri') ?? '';
      const problem = authorizeProblem(query, options.clientId);
      if (problem !== null) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(problem);
        return;
      }
      const refused = audienceRefusal(match[1] ?? '');
      const fields: Record<string, string> = {};
      if (refused === null) {
        const code = base64url(randomBytes(24));
        codes.set(code, { scopes: scopesOf(query.get('scope')), nonce: query.get('nonce'), challenge: query.get('code_challenge') ?? '', redirectUri });
        Object.assign(fields, { code, state: query.get('state') ?? '', client_info: base64url(JSON.stringify({ uid: user.objectId, utid: tenantId })), session_state: randomUUID() });
      } else {
        const parsed = JSON.parse(refused) as { readonly error: string; readonly error_description: string };
        Object.assign(fields, { error: parsed.error, error_description: parsed.error_description, state: query.get('state') ?? '' });
      }
      const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}" />`).join('');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script>document.forms[0].submit()</script></body></html>`);
      return;
    }
    match = /^\/([^/]+)\/oauth2\/v2\.0\/devicecode$/.exec(path);
    if (match !== null && request.method === 'POST') {
      const injected = fault('devicecode');
      if (injected !== null) {
        send(response, injected.status, injected.body, injected.headers);
        return;
      }
      if (form.get('client_id') !== options.clientId) {
        send(response, 400, aadError('unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory 'Contoso'.`));
        return;
      }
      const refused = audienceRefusal(match[1] ?? '');
      if (refused !== null) {
        send(response, 400, refused);
        return;
      }
      const deviceCode = base64url(randomBytes(32));
      const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
      issuedUserCodes.push(userCode);
      deviceCodes.set(deviceCode, { scopes: scopesOf(form.get('scope')), nonce: null, pollsLeft: options.pendingPolls ?? 1, slowDownsLeft: deviceSlowDowns, outcome: deviceOutcome });
      send(
        response,
        200,
        JSON.stringify({
          user_code: userCode,
          device_code: deviceCode,
          verification_uri: `${url}/devicelogin`,
          expires_in: 900,
          interval: 1,
          message: `To sign in, use a web browser to open the page ${url}/devicelogin and enter the code ${userCode} to authenticate.`,
        }),
      );
      return;
    }
    match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (match !== null && request.method === 'POST') {
      const injected = fault('token');
      if (injected !== null) {
        send(response, injected.status, injected.body, injected.headers);
        return;
      }
      const refused = audienceRefusal(match[1] ?? '');
      if (refused !== null) {
        send(response, 400, refused);
        return;
      }
      handleToken(form, response);
      return;
    }
    if (request.method === 'GET' && (path === '/v1.0/domains' || /^\/v1\.0\/domains\/[^/]+\/serviceConfigurationRecords$/.test(path))) {
      const isList = path === '/v1.0/domains';
      const injected = fault(isList ? 'graph-domains' : 'graph-records');
      if (injected !== null) {
        send(response, injected.status, injected.body, injected.headers);
        return;
      }
      const auth = bearer(request, graphResource());
      if (auth !== 'ok') {
        send(response, 401, graphError('InvalidAuthenticationToken', auth === 'expired' ? 'Lifetime validation failed, the token is expired.' : 'Access token validation failure. Invalid audience.'));
        return;
      }
      if (isList) {
        send(response, 200, JSON.stringify({ '@odata.context': `${url}/v1.0/$metadata#domains`, value: options.domains ?? [] }));
        return;
      }
      const id = decodeURIComponent(path.split('/')[3] ?? '').toLowerCase();
      const records = options.records?.[id];
      if (records === undefined) {
        send(response, 404, graphError('Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`));
        return;
      }
      send(response, 200, JSON.stringify({ '@odata.context': `${url}/v1.0/$metadata#domains('${id}')/serviceConfigurationRecords`, value: records }));
      return;
    }
    if (request.method === 'POST' && path === `/adminapi/v2.0/${tenantId}/AcceptedDomain`) {
      adminApiHeaders.push({ ...request.headers } as Readonly<Record<string, string | undefined>>);
      const injected = fault('accepted-domains');
      if (injected !== null) {
        send(response, injected.status, injected.body, injected.headers);
        return;
      }
      const auth = bearer(request, exchangeResource());
      if (auth !== 'ok') {
        send(response, 401, JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: `The access token is ${auth}.` } }));
        return;
      }
      if (options.adminApi === 'forbidden') {
        send(response, 403, JSON.stringify({ error: { code: 'Forbidden', message: 'The Admin API is not enabled for this organization.' } }));
        return;
      }
      if (options.adminApi === 'not-found') {
        send(response, 404, JSON.stringify({ error: { code: 'NotFound', message: "The resource 'AcceptedDomain' does not exist." } }));
        return;
      }
      const problem = adminApiProblem(request.headers, body, tenantId, options.mailboxes ?? []);
      if (problem !== null) {
        send(response, 400, JSON.stringify({ error: problem }));
        return;
      }
      const select = requestUrl.searchParams.get('$select')?.split(',').map((name) => name.trim()) ?? null;
      const entries = (options.acceptedDomains ?? []).map((entry) =>
        select === null || typeof entry !== 'object' || entry === null ? entry : Object.fromEntries(Object.entries(entry).filter(([name]) => select.includes(name))),
      );
      send(response, 200, JSON.stringify({ '@odata.context': `${url}/adminapi/v2.0/${tenantId}/$metadata#AcceptedDomain`, value: entries }));
      return;
    }
    send(response, 404, graphError('NotFound', `No route for ${request.method ?? ''} ${path}.`));
  };

  const server: Server = createServer({ key: issued.keyPem, cert: [issued.certPem, ...issued.chainPem].join('\n') }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, graphError('InternalServerError', errorMessage(error)));
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, options.host, () => {
      resolve();
    });
  });
  url = `https://${options.host}:${String((server.address() as AddressInfo).port)}`;

  return {
    url,
    host: options.host,
    rootPem: pki.rootPem,
    tenantId,
    user,
    requests,
    issuedUserCodes,
    pollTimes,
    adminApiHeaders,
    setDeviceCodeOutcome(outcome, slowDowns = 0) {
      deviceOutcome = outcome;
      deviceSlowDowns = slowDowns;
    },
    endpoints: (tenant = 'organizations') => profile(tenant),
    failNext(route, injected, times = 1) {
      const queue = faults.get(route) ?? [];
      for (let index = 0; index < times; index += 1) queue.push(injected);
      faults.set(route, queue);
    },
    withholdConsentFor(resource) {
      consentWithheld = resource;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Plays the system browser for the loopback redirect: opens the authorize URL on the peer, reads
 * the form_post page it returns and submits the form to the app's http://localhost redirect URI.
 */
export async function actAsBrowser(authorizeUrl: string, rootPem: string): Promise<string> {
  const page = await new Promise<string>((resolve, reject) => {
    const outgoing = httpsRequest(authorizeUrl, { ca: rootPem }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  const action = /<form[^>]*action="([^"]*)"/i.exec(page)?.[1];
  if (action === undefined) throw new Error(`The authorize page has no form: ${page.slice(0, 200)}`);
  const unescape = (value: string): string => value.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const fields = new URLSearchParams();
  for (const input of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g)) fields.append(input[1] ?? '', unescape(input[2] ?? ''));
  const target = new URL(unescape(action));
  if (target.hostname !== 'localhost') throw new Error(`The redirect URI is not a loopback address: ${target.href}`);
  const body = fields.toString();
  return new Promise<string>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port: target.port, path: target.pathname, method: 'POST', headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A small tenant as Graph and the Admin API describe it: one verified Email domain, one unverified, the initial one. */
export const SAMPLE_TENANT = {
  domains: [
    { authenticationType: 'Managed', availabilityStatus: null, id: 'contoso.test', isAdminManaged: true, isDefault: true, isInitial: false, isRoot: true, isVerified: true, passwordNotificationWindowInDays: 14, passwordValidityPeriodInDays: 2147483647, supportedServices: ['Email', 'OfficeCommunicationsOnline'], state: null },
    { authenticationType: 'Managed', availabilityStatus: null, id: 'fabrikam.test', isAdminManaged: true, isDefault: false, isInitial: false, isRoot: true, isVerified: false, supportedServices: [], state: null },
    { authenticationType: 'Managed', availabilityStatus: null, id: 'contoso.onmicrosoft.test', isAdminManaged: true, isDefault: false, isInitial: true, isRoot: true, isVerified: true, supportedServices: ['Email', 'OfficeCommunicationsOnline'], state: null },
  ],
  records: {
    'contoso.test': [
      { '@odata.type': 'microsoft.graph.domainDnsMxRecord', id: 'aceff52c-06a5-447f-ac5f-256ad243cc5c', isOptional: false, label: 'contoso.test', recordType: 'Mx', supportedService: 'Email', ttl: 3600, mailExchange: 'contoso-test.e-v1.mx.microsoft', preference: 0 },
      { '@odata.type': 'microsoft.graph.domainDnsTxtRecord', id: '5fbde38c-0865-497f-82b1-126f596bcee9', isOptional: false, label: 'contoso.test', recordType: 'Txt', supportedService: 'Email', ttl: 3600, text: 'v=spf1 include:spf.protection.outlook.com -all' },
      { '@odata.type': 'microsoft.graph.domainDnsCnameRecord', id: '7a1e3a4b-1111-4c2d-9e3f-0a1b2c3d4e5f', isOptional: false, label: 'autodiscover.contoso.test', recordType: 'CName', supportedService: 'Email', ttl: 3600, canonicalName: 'autodiscover.outlook.com' },
      { '@odata.type': 'microsoft.graph.domainDnsCnameRecord', id: '8b2f4b5c-2222-4d3e-8f40-1b2c3d4e5f60', isOptional: false, label: 'sip.contoso.test', recordType: 'CName', supportedService: 'OfficeCommunicationsOnline', ttl: 3600, canonicalName: 'sipdir.online.lync.com' },
      { '@odata.type': 'microsoft.graph.domainDnsSrvRecord', id: '9c3a5c6d-3333-4e4f-9a51-2c3d4e5f6071', isOptional: false, label: 'contoso.test', recordType: 'Srv', supportedService: 'OfficeCommunicationsOnline', ttl: 3600, nameTarget: 'sipdir.online.lync.com', port: 443, priority: 100, protocol: '_tls', service: '_sip', weight: 1 },
    ],
    'contoso.onmicrosoft.test': [
      { '@odata.type': 'microsoft.graph.domainDnsMxRecord', id: 'b1c2d3e4-4444-4f5a-8b6c-3d4e5f607182', isOptional: false, label: 'contoso.onmicrosoft.test', recordType: 'Mx', supportedService: 'Email', ttl: 3600, mailExchange: 'contoso.mail.protection.outlook.com', preference: 0 },
    ],
  },
  acceptedDomains: [
    { DomainName: 'contoso.test', DomainType: 'Authoritative', Default: true, Name: 'contoso.test', Identity: 'contoso.test' },
    { DomainName: 'contoso.onmicrosoft.test', DomainType: 'Authoritative', Default: false, Name: 'contoso.onmicrosoft.test', Identity: 'contoso.onmicrosoft.test' },
  ],
} as const;
