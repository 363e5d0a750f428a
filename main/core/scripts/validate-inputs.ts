import { isIP } from 'node:net';
import { hasControlCharacter, isAscii, parseDomain, parseEmail, parseHost, parseIpv4OrCidr, type Result } from '../../../preload/vocabulary/validation/index.js';
import { isOffice365MxHost } from '../dns/office365-mx.js';
import { DEFAULT_NAMES, DEFAULT_POSTFIX_CA_FILE, defaultPostfixCertFiles } from './defaults.js';
import { resolveTargets, UNKNOWN_TARGETS } from './targets.js';
import {
  CONNECTOR_SCOPES,
  INBOUND_IDENTIFICATIONS,
  ON_PREM_SERVER_KINDS,
  OUTBOUND_TLS_SETTINGS,
  POSTFIX_TLS_LEVELS,
  SCRIPT_MODES,
  ScriptInputError,
  type PostfixTlsLevel,
  type ScriptInputIssue,
  type ScriptInputs,
  type ValidatedScriptInputs,
} from './types.js';

/** Exchange limits connector and rule names to 64 characters. */
const MAX_NAME_LENGTH = 64;
/** Postfix reads whitespace, commas and "$" in main.cf values as syntax, so paths are held to a plain set. */
const SAFE_PATH = /^\/[A-Za-z0-9._+@/-]+$/;
/** Exchange SenderIPAddresses accepts IPv4 ranges from /24 to /32 only. */
const SENDER_IP_RANGE = { minPrefix: 24, maxPrefix: 32 } as const;

/**
 * Checks every field and collects every problem, then fills in the defaults. Returns the issues
 * rather than stopping at the first, so a form can mark all bad fields at once.
 */
export function validateScriptInputs(
  input: ScriptInputs,
): { readonly ok: true; readonly value: ValidatedScriptInputs } | { readonly ok: false; readonly issues: readonly ScriptInputIssue[] } {
  const issues: ScriptInputIssue[] = [];
  const take = <T>(field: string, result: Result<T>): T | null => {
    if (result.ok) return result.value;
    issues.push({ field, message: result.error });
    return null;
  };
  /** The value when allowed; otherwise an issue, and `fallback` only so the other checks can go on. */
  const oneOf = <T extends string>(field: string, value: string, allowed: readonly T[], fallback: T): T => {
    const found = allowed.find((candidate) => candidate === value);
    if (found !== undefined) return found;
    issues.push({ field, message: `${JSON.stringify(value)} is not one of ${allowed.join(', ')}` });
    return fallback;
  };

  const scope = oneOf('scope', input.scope, CONNECTOR_SCOPES, 'accepted-domains');
  const inboundBy = oneOf('inboundBy', input.inboundBy, INBOUND_IDENTIFICATIONS, 'certificate');
  const serverKind = oneOf('serverKind', input.serverKind, ON_PREM_SERVER_KINDS, 'exchange');
  const mode = oneOf('mode', input.mode, SCRIPT_MODES, 'new');
  const tlsSettings = oneOf('tlsSettings', input.tlsSettings ?? 'CertificateValidation', OUTBOUND_TLS_SETTINGS, 'CertificateValidation');
  const tlsLevel = oneOf('postfix.tlsLevel', input.postfix?.tlsLevel ?? 'secure', POSTFIX_TLS_LEVELS, 'secure');

  const domains = unique(listOf(issues, 'domains', input.domains, (value) => parseDomain(value)));
  const smartHosts = unique(listOf(issues, 'smartHosts', input.smartHosts, parseSmartHost));
  const firstHostName = smartHosts.find((host) => isIP(host) === 0) ?? null;

  const tenantMx = take('tenantMx', parseTenantMx(input.tenantMx));
  const onPremFqdn = input.onPremFqdn === undefined ? firstHostName : take('onPremFqdn', parseDomain(input.onPremFqdn));
  if (serverKind === 'exchange' && onPremFqdn === null && input.onPremFqdn === undefined) {
    issues.push({ field: 'onPremFqdn', message: 'give the FQDN your Exchange server announces (no smart host is a name to default to)' });
  }

  const certificateName = inboundBy === 'certificate' ? optionalDomain(issues, 'certificateName', input.certificateName, firstHostName) : null;
  if (inboundBy === 'certificate' && certificateName === null && input.certificateName === undefined) {
    issues.push({ field: 'certificateName', message: 'give the domain name your certificate holds (no smart host is a name to default to)' });
  }

  const senderIpAddresses =
    inboundBy === 'ip'
      ? unique(listOf(issues, 'senderIpAddresses', input.senderIpAddresses ?? [], (value) => parseIpv4OrCidr(value, SENDER_IP_RANGE), true))
      : [];
  if (inboundBy === 'ip' && (input.senderIpAddresses ?? []).length === 0) {
    issues.push({ field: 'senderIpAddresses', message: 'identifying your server by IP needs at least one IPv4 address or /24-/32 range' });
  }

  const tlsDomain = tlsSettings === 'DomainValidation' ? optionalDomain(issues, 'tlsDomain', input.tlsDomain, firstHostName) : null;
  if (tlsSettings === 'DomainValidation' && tlsDomain === null && input.tlsDomain === undefined) {
    issues.push({ field: 'tlsDomain', message: 'DomainValidation needs the name the certificate must match' });
  }
  if (tlsSettings !== 'DomainValidation' && input.tlsDomain !== undefined) {
    issues.push({ field: 'tlsDomain', message: 'a TLS domain is only used with tlsSettings DomainValidation' });
  }

  const testAddresses = unique(listOf(issues, 'testAddresses', input.testAddresses, parseEmail, true));
  testAddresses.forEach((address, index) => {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (!domains.some((candidate) => domain === candidate || domain.endsWith(`.${candidate}`))) {
      issues.push({ field: `testAddresses[${index}]`, message: `${address} is not in one of the domains; Validate-OutboundConnector only sends to them` });
    }
  });

  const names = {
    outbound: take('connectorNames.outbound', parseObjectName(input.connectorNames?.outbound ?? DEFAULT_NAMES.outbound, MAX_NAME_LENGTH)),
    inbound: take('connectorNames.inbound', parseObjectName(input.connectorNames?.inbound ?? DEFAULT_NAMES.inbound, MAX_NAME_LENGTH)),
    transportRule: take(
      'connectorNames.transportRule',
      parseObjectName(input.connectorNames?.transportRule ?? DEFAULT_NAMES.transportRule, MAX_NAME_LENGTH),
    ),
    sendConnector: take(
      'connectorNames.sendConnector',
      parseObjectName(input.connectorNames?.sendConnector ?? DEFAULT_NAMES.sendConnector, MAX_NAME_LENGTH),
    ),
  };
  const receiveConnectorIdentity =
    input.receiveConnectorIdentity === undefined ? null : take('receiveConnectorIdentity', parseObjectName(input.receiveConnectorIdentity, 255));
  const tlsCertificateName =
    input.tlsCertificateName === undefined ? null : take('tlsCertificateName', parseTlsCertificateName(input.tlsCertificateName));

  const postfix = serverKind === 'postfix' ? postfixSettings(issues, input.postfix ?? {}, onPremFqdn ?? firstHostName, tlsLevel) : null;

  if (
    issues.length > 0 ||
    tenantMx === null ||
    names.outbound === null ||
    names.inbound === null ||
    names.transportRule === null ||
    names.sendConnector === null
  ) {
    return { ok: false, issues };
  }
  const validated: ValidatedScriptInputs = {
    domains,
    smartHosts,
    scope,
    inboundBy,
    certificateName,
    senderIpAddresses,
    serverKind,
    testAddresses: testAddresses.length > 0 ? testAddresses : domains.map((domain) => `postmaster@${domain}`),
    tenantMx,
    tlsSettings,
    tlsDomain,
    names: { outbound: names.outbound, inbound: names.inbound, transportRule: names.transportRule, sendConnector: names.sendConnector },
    onPremFqdn,
    tlsCertificateName,
    receiveConnectorIdentity,
    postfix,
    mode,
    targets: UNKNOWN_TARGETS,
  };
  const resolved = resolveTargets(validated, input.connectorNames, input.inventory ?? null);
  if (resolved.issues.length > 0) return { ok: false, issues: resolved.issues };
  return {
    ok: true,
    value: {
      ...validated,
      names: resolved.names,
      targets: resolved.targets,
      tlsCertificateName: resolved.tlsCertificateName,
      receiveConnectorIdentity: resolved.receiveConnectorIdentity,
    },
  };
}

/** validateScriptInputs for callers that want an exception: throws ScriptInputError listing every issue. */
export function assertScriptInputs(input: ScriptInputs): ValidatedScriptInputs {
  const result = validateScriptInputs(input);
  if (!result.ok) throw new ScriptInputError(result.issues);
  return result.value;
}

function listOf(
  issues: ScriptInputIssue[],
  field: string,
  values: readonly string[],
  parse: (value: string) => Result<string>,
  mayBeEmpty = false,
): string[] {
  if (values.length === 0 && !mayBeEmpty) issues.push({ field, message: 'give at least one value' });
  const parsed: string[] = [];
  values.forEach((value, index) => {
    const result = parse(value);
    if (result.ok) parsed.push(result.value);
    else issues.push({ field: `${field}[${index}]`, message: result.error });
  });
  return parsed;
}

/**
 * Postfix file paths: given, or where certbot keeps the certificate for the server's name. Without
 * a name to build the default from, the person has to give the paths.
 */
function postfixSettings(
  issues: ScriptInputIssue[],
  given: NonNullable<ScriptInputs['postfix']>,
  fqdn: string | null,
  tlsLevel: PostfixTlsLevel,
): ValidatedScriptInputs['postfix'] {
  const defaults = fqdn === null ? null : defaultPostfixCertFiles(fqdn);
  const path = (field: 'certFile' | 'keyFile' | 'caFile', fallback: string | null): string | null => {
    const value = given[field] ?? fallback;
    if (value === null) {
      issues.push({ field: `postfix.${field}`, message: 'give the path (no server name to build the default from; or give onPremFqdn)' });
      return null;
    }
    const result = parsePath(value);
    if (result.ok) return result.value;
    issues.push({ field: `postfix.${field}`, message: result.error });
    return null;
  };
  const certFile = path('certFile', defaults?.certFile ?? null);
  const keyFile = path('keyFile', defaults?.keyFile ?? null);
  const caFile = path('caFile', DEFAULT_POSTFIX_CA_FILE);
  return certFile === null || keyFile === null || caFile === null ? null : { certFile, keyFile, caFile, tlsLevel };
}

function optionalDomain(issues: ScriptInputIssue[], field: string, value: string | undefined, fallback: string | null): string | null {
  if (value === undefined) return fallback;
  const result = parseDomain(value, { allowWildcard: true });
  if (result.ok) return result.value;
  issues.push({ field, message: result.error });
  return null;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Exchange Online takes FQDNs and IPv4 literals as smart hosts. */
function parseSmartHost(value: string): Result<string> {
  const host = parseHost(value);
  if (host.ok && isIP(host.value) === 6) {
    return { ok: false, error: `${host.value} is an IPv6 address; give the smart host's name or IPv4 address` };
  }
  return host;
}

function parseTenantMx(value: string): Result<string> {
  const domain = parseDomain(value);
  if (!domain.ok) return domain;
  if (!isOffice365MxHost(domain.value)) {
    return { ok: false, error: `${domain.value} is not an Office 365 MX host (expected a name ending in .mail.protection.outlook.com or .mx.microsoft)` };
  }
  return domain;
}

/** A name Exchange stores (connector, rule, receive connector identity): one printable ASCII line. */
function parseObjectName(value: string, maxLength: number): Result<string> {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, error: 'the name is empty' };
  if (hasControlCharacter(trimmed)) return { ok: false, error: 'the name contains a line break or another control character' };
  if (!isAscii(trimmed)) return { ok: false, error: `${JSON.stringify(trimmed)} contains non-ASCII characters; use plain letters, digits and punctuation` };
  if (trimmed.length > maxLength) return { ok: false, error: `the name is longer than ${maxLength} characters` };
  return { ok: true, value: trimmed };
}

/**
 * "<I>issuer<S>subject" as Exchange's TlsCertificateName wants it. Distinguished names may hold
 * non-ASCII letters (organisation names), so only line breaks and other control characters are refused.
 */
function parseTlsCertificateName(value: string): Result<string> {
  const trimmed = value.trim();
  if (hasControlCharacter(trimmed)) return { ok: false, error: 'the certificate name contains a line break or another control character' };
  const match = /^<I>(.+)<S>(.+)$/.exec(trimmed);
  if (match === null) return { ok: false, error: 'expected "<I>issuer<S>subject", e.g. <I>CN=R11, O=Let\'s Encrypt, C=US<S>CN=mail.contoso.com' };
  if (trimmed.length > 1024) return { ok: false, error: 'the certificate name is longer than 1024 characters' };
  return { ok: true, value: trimmed };
}

function parsePath(value: string): Result<string> {
  const trimmed = value.trim();
  if (!SAFE_PATH.test(trimmed)) {
    return { ok: false, error: `${JSON.stringify(trimmed)} must be an absolute path of letters, digits and . _ + @ / - only` };
  }
  return { ok: true, value: trimmed };
}
