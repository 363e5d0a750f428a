/**
 * Refreshes the Exchange endpoint sets from the Microsoft 365 IP address and URL web service the
 * way Microsoft asks clients to behave: one client request id per installation, the cheap version
 * call first, the full list only when the version changed, and at most one call an hour. Nothing
 * here may block offline use: every failure falls back to the cache or the bundled snapshot, with
 * a note saying why.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import type { CachedEndpoints, EndpointsCacheStore } from './endpoints-cache.js';
import { endpointEntriesSchema, versionResponseSchema } from './endpoints-data.js';
import type { EndpointsInstance, EndpointsSnapshot } from './endpoints-data.js';
import { EopRangesError, smtpRangesFrom } from './ranges.js';
import type { EopRanges, RangesOrigin } from './ranges.js';
import { bundledSnapshot } from './snapshot.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

export const DEFAULT_ENDPOINTS_BASE_URL = 'https://endpoints.office.com';
/** Microsoft: check the version at most once an hour. */
export const REFRESH_INTERVAL_MS = 3_600_000;
export const DEFAULT_REFRESH_TIMEOUT_MS = 10_000;
/** The Exchange list is a few kilobytes; anything this large is not the web service answering. */
const MAX_BODY_CHARS = 5_000_000;

/** The part of a fetch Response the client reads; the global `fetch` satisfies FetchFunction. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchFunction = (
  url: string,
  init: { readonly signal: AbortSignal; readonly headers: Readonly<Record<string, string>> },
) => Promise<FetchResponse>;

export type EndpointsFailureKind = 'throttled' | 'http' | 'malformed' | 'network' | 'timeout';

/** The web service could not be used; `kind` tells a person what to do about it. */
export class EndpointsServiceError extends Error {
  override readonly name = 'EndpointsServiceError';
  constructor(
    readonly kind: EndpointsFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface EndpointsClientOptions {
  readonly fetch: FetchFunction;
  readonly store: EndpointsCacheStore;
  readonly clock: Pick<Clock, 'now'>;
  /** Default Worldwide. */
  readonly instance?: EndpointsInstance;
  /** Default https://endpoints.office.com; tests point it at a loopback server. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly newClientRequestId?: () => string;
  /** Data used when neither the service nor the cache has any; default: the bundled snapshot for Worldwide. */
  readonly fallback?: EndpointsSnapshot | null;
  readonly signal?: AbortSignal;
}

/** What was asked of the web service during one call, for the report and for tests. */
export type EndpointsContact = 'none' | 'version' | 'version-and-endpoints';

export interface EndpointsLoadResult {
  /** Null only for an instance with no cache and no bundled data, when the service failed too. */
  readonly snapshot: EndpointsSnapshot | null;
  readonly origin: RangesOrigin | null;
  readonly contacted: EndpointsContact;
  /** Plain-language notes: fallbacks, throttling, cache problems. */
  readonly notes: readonly string[];
}

interface Current {
  readonly snapshot: EndpointsSnapshot;
  readonly origin: RangesOrigin;
}

/**
 * The freshest data available without any network: the cached refresh, or the bundled snapshot
 * when that is newer (after an app update) or there is no cache.
 */
export function loadEndpointsOffline(
  store: EndpointsCacheStore,
  instance: EndpointsInstance = 'Worldwide',
  fallback: EndpointsSnapshot | null = defaultFallback(instance),
): EndpointsLoadResult {
  const notes: string[] = [];
  const cache = readCache(store, notes);
  const current = pickCurrent(cache, instance, fallback);
  if (current === null) notes.push(noDataNote(instance));
  return { snapshot: current?.snapshot ?? null, origin: current?.origin ?? null, contacted: 'none', notes };
}

/** Asks the web service for a newer list when due; never throws for network or service trouble. */
export async function refreshEndpoints(options: EndpointsClientOptions): Promise<EndpointsLoadResult> {
  const instance = options.instance ?? 'Worldwide';
  const baseUrl = (options.baseUrl ?? DEFAULT_ENDPOINTS_BASE_URL).replace(/\/+$/, '');
  const now = options.clock.now();
  const notes: string[] = [];
  const fallback = options.fallback === undefined ? defaultFallback(instance) : options.fallback;

  const stored = readCache(options.store, notes);
  const cache: CachedEndpoints = stored ?? {
    clientRequestId: (options.newClientRequestId ?? randomUUID)(),
    instances: {},
  };
  if (stored === null) saveCache(options.store, cache, notes);
  const current = pickCurrent(cache, instance, fallback);
  const result = (contacted: EndpointsContact, data: Current | null): EndpointsLoadResult => {
    if (data === null) notes.push(noDataNote(instance));
    return { snapshot: data?.snapshot ?? null, origin: data?.origin ?? null, contacted, notes };
  };

  const lastCheck = cache.instances[instance]?.checkedAt;
  if (lastCheck !== undefined && now >= lastCheck && now - lastCheck < REFRESH_INTERVAL_MS) {
    const minutes = Math.ceil((REFRESH_INTERVAL_MS - (now - lastCheck)) / 60_000);
    notes.push(
      `The endpoints web service was asked less than an hour ago (Microsoft allows one check an hour); next check in about ${String(minutes)} min. ${describeCurrent(current)}`,
    );
    return result('none', current);
  }

  const query = `clientrequestid=${encodeURIComponent(cache.clientRequestId)}`;
  const request = { fetch: options.fetch, timeoutMs: options.timeoutMs ?? DEFAULT_REFRESH_TIMEOUT_MS, signal: options.signal };
  /** Records a call that reached the service (even a 429 or a broken answer): the next one waits an hour. */
  const remember = (snapshot: EndpointsSnapshot | null): void => {
    const kept = snapshot ?? cache.instances[instance]?.snapshot ?? null;
    saveCache(options.store, { ...cache, instances: { ...cache.instances, [instance]: { snapshot: kept, checkedAt: now } } }, notes);
  };
  const failed = (error: unknown, contacted: EndpointsContact): EndpointsLoadResult => {
    if (error instanceof EndpointsServiceError && error.kind !== 'network' && error.kind !== 'timeout') remember(null);
    notes.push(`Could not refresh the EOP ranges: ${errorMessage(error)} ${describeCurrent(current)}`.trimEnd());
    return result(contacted, current);
  };

  let latest: string;
  try {
    latest = (await getJson(request, `${baseUrl}/version/${instance}?${query}`, versionResponseSchema)).latest;
  } catch (error) {
    return failed(error, 'version');
  }

  if (current?.snapshot.version === latest) {
    remember(current.origin === 'bundled' ? null : current.snapshot);
    notes.push(`The EOP ranges are current (endpoints version ${latest}).`);
    return result('version', current);
  }

  try {
    const endpoints = await getJson(request, `${baseUrl}/endpoints/${instance}?${query}&ServiceAreas=Exchange`, endpointEntriesSchema);
    const snapshot: EndpointsSnapshot = {
      instance,
      version: latest,
      takenAt: new Date(now).toISOString(),
      source: `${baseUrl}/endpoints/${instance}?ServiceAreas=Exchange`,
      endpoints,
    };
    try {
      smtpRangesFrom(snapshot, 'web-service');
    } catch (error) {
      throw new EndpointsServiceError('malformed', errorMessage(error));
    }
    remember(snapshot);
    return result('version-and-endpoints', { snapshot, origin: 'web-service' });
  } catch (error) {
    return failed(error, 'version-and-endpoints');
  }
}

/** The port-25 ranges of a load, carrying its notes; throws EopRangesError when there was no data at all. */
export function rangesOf(result: EndpointsLoadResult): EopRanges {
  if (result.snapshot === null || result.origin === null) throw new EopRangesError(result.notes.join(' '));
  return smtpRangesFrom(result.snapshot, result.origin, result.notes);
}

interface RequestContext {
  readonly fetch: FetchFunction;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

async function getJson<T>(context: RequestContext, url: string, schema: z.ZodType<T>): Promise<T> {
  const timeout = AbortSignal.timeout(context.timeoutMs);
  const signal = context.signal === undefined ? timeout : AbortSignal.any([timeout, context.signal]);
  const shownUrl = url.replace(/clientrequestid=[^&]*/, 'clientrequestid=…');
  let response: FetchResponse;
  let text: string;
  try {
    response = await context.fetch(url, { signal, headers: { accept: 'application/json' } });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) {
      throw new EndpointsServiceError('timeout', `${shownUrl} did not answer within ${String(context.timeoutMs)} ms.`);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new EndpointsServiceError('network', `${shownUrl} is unreachable (${errorMessage(error)}${cause}); are you offline or behind a proxy?`);
  }
  if (response.status === 429) {
    const retryAfter = response.headers.get('retry-after');
    throw new EndpointsServiceError(
      'throttled',
      `the web service answered HTTP 429 (too many requests${retryAfter === null ? '' : `, retry after ${retryAfter}`}); it will be asked again in an hour.`,
    );
  }
  if (response.status < 200 || response.status > 299) {
    throw new EndpointsServiceError('http', `${shownUrl} answered HTTP ${String(response.status)}.`);
  }
  if (text.length > MAX_BODY_CHARS) {
    throw new EndpointsServiceError('malformed', `${shownUrl} sent an unexpectedly large answer (${String(text.length)} characters).`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new EndpointsServiceError('malformed', `${shownUrl} did not send valid JSON (${errorMessage(error)}).`);
  }
  const parsed = schema.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
    throw new EndpointsServiceError('malformed', `${shownUrl} sent data of an unexpected shape${where}: ${first?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

function defaultFallback(instance: EndpointsInstance): EndpointsSnapshot | null {
  return instance === bundledSnapshot.instance ? bundledSnapshot : null;
}

function pickCurrent(cache: CachedEndpoints | null, instance: EndpointsInstance, fallback: EndpointsSnapshot | null): Current | null {
  const cached = cache?.instances[instance]?.snapshot ?? null;
  const usable = fallback !== null && fallback.instance === instance ? fallback : null;
  if (cached !== null && (usable === null || cached.version >= usable.version)) return { snapshot: cached, origin: 'cache' };
  if (usable !== null) return { snapshot: usable, origin: 'bundled' };
  return null;
}

function readCache(store: EndpointsCacheStore, notes: string[]): CachedEndpoints | null {
  try {
    return store.read();
  } catch (error) {
    notes.push(`Ignoring the endpoints cache: ${errorMessage(error)}`);
    return null;
  }
}

function saveCache(store: EndpointsCacheStore, cache: CachedEndpoints, notes: string[]): void {
  try {
    store.write(cache);
  } catch (error) {
    notes.push(`The endpoints cache was not saved: ${errorMessage(error)}`);
  }
}

function describeCurrent(current: Current | null): string {
  if (current === null) return '';
  const what = current.origin === 'bundled' ? 'the bundled snapshot' : 'the cached list';
  return `Using ${what} (version ${current.snapshot.version}, ${current.snapshot.takenAt.slice(0, 10)}).`;
}

function noDataNote(instance: EndpointsInstance): string {
  return `No EOP ranges are available for ${instance}: there is no bundled copy for it and it was never refreshed; run \`mailflow ranges --refresh\` while online.`;
}
