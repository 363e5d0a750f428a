/**
 * The composition root shared by the Electron app and the browser preview: the real core wired to
 * the given settings store, secret store and event sink.
 */
import { networkInterfaces } from 'node:os';
import { networkStatusFrom } from '../core/network/status.js';
import { createCheckRegistry } from '../core/checks/registry.js';
import { createEngagementRepository, type EngagementRepository } from '../core/engagements/repository.js';
import { fileEndpointsCacheStore } from '../core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf } from '../core/eop/endpoints-client.js';
import type { Clock } from '../core/ports/clock.js';
import { systemClock } from '../platform/clock.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import type { SettingsStore } from '../core/ports/settings-store.js';
import { createHttpsTransport, fetchOverTransport } from '../core/m365/http.js';
import { environmentProxyResolver, type ProxyResolver } from '../core/m365/proxy.js';
import { netConnector } from '../core/smtp/net-connector.js';
import { inProcessAnalysers, type Analysers } from '../app/analysis.js';
import { createRunRegistry } from '../app/runs.js';
import { createHandlers, type HandlerDependencies } from './handlers.js';
import { createM365Service, type M365ServiceDependencies } from './m365.js';
import type { Handlers } from './dispatch.js';

export interface AppComposition {
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  /** The user data folder (the EOP ranges cache lives there). */
  readonly dataDir: string;
  readonly appInfo: HandlerDependencies['appInfo'];
  readonly emit: HandlerDependencies['emit'];
  readonly clock?: Clock;
  /** HTTP for the Microsoft 365 endpoints service; tests point it at a loopback server. */
  readonly fetch?: HandlerDependencies['fetch'];
  /** Header and bounce analysis; the faces run it in a worker thread (default: in process). */
  readonly analysers?: Analysers;
  /** Opens the Microsoft sign-in page in the system browser. */
  readonly openBrowser: (url: string) => Promise<void>;
  /** Tests point Microsoft 365 at a loopback peer. */
  readonly m365?: Pick<M365ServiceDependencies, 'hostOverrides' | 'transport'>;
  /** The proxy for Microsoft 365 and the endpoints service: the system's in Electron; default HTTPS_PROXY/NO_PROXY. */
  readonly proxy?: ProxyResolver;
  /** Whether this computer is online; default: read from its network interfaces. Tests choose. */
  readonly network?: HandlerDependencies['network'];
}

export function composeApp(composition: AppComposition): { readonly handlers: Handlers; readonly repository: EngagementRepository } {
  const clock = composition.clock ?? systemClock;
  const repository = createEngagementRepository(composition.settings, clock);
  const runs = createRunRegistry();
  const transport = createHttpsTransport({ proxy: composition.proxy ?? environmentProxyResolver(process.env) });
  const m365 = createM365Service({ repository, secrets: composition.secrets, clock, runs, openBrowser: composition.openBrowser, transport, ...composition.m365 });
  const endpointsCache = fileEndpointsCacheStore(composition.dataDir);
  const handlers = createHandlers({
    m365,
    runs,
    analysers: composition.analysers ?? inProcessAnalysers,
    repository,
    secrets: composition.secrets,
    appInfo: composition.appInfo,
    clock,
    connector: netConnector,
    registry: createCheckRegistry({ ranges: () => Promise.resolve(rangesOf(loadEndpointsOffline(endpointsCache))) }),
    endpointsCache,
    fetch: composition.fetch ?? fetchOverTransport(transport),
    emit: composition.emit,
    network: composition.network ?? (() => networkStatusFrom(networkInterfaces())),
  });
  return { handlers, repository };
}
