/**
 * The contract's methods on the application layer (main/app) and the repository: parse (done by
 * dispatch), call, present. Shared by the Electron app and the preview; no policy lives here.
 */
import type { AppInfo, EventName, EventPayloads, FileContent } from '../../preload/contract.js';
import type { Analysers } from '../app/analysis.js';
import { runStepChecks } from '../app/checks.js';
import { inspectEngagementCertificate } from '../app/certificate.js';
import { chooseRelayCertificate, clearRelayCertificate } from '../app/relay-certificate.js';
import { errorMessage } from '../../preload/vocabulary/errors.js';
import { firewallRules, refreshRanges } from '../app/firewall.js';
import { engagementReport } from '../app/report.js';
import { importInventory, importOfficeProof } from '../app/imports.js';
import { exportEngagements, importEngagements, planEngagementsImport } from '../app/transfer.js';
import { inventoryScript } from '../core/inventory/scripts.js';
import type { RunRegistry } from '../app/runs.js';
import { analyseHeadersFor, decodeBounceFor, recordTestMessage } from '../app/test-evidence.js';
import { sendEngagementTestMessage } from '../app/test-message.js';
import type { CheckDefinition } from '../core/checks/types.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import { savableScript, scriptsForEngagement } from '../core/engagements/script-inputs.js';
import type { EndpointsCacheStore } from '../core/eop/endpoints-cache.js';
import type { FetchFunction } from '../core/eop/endpoints-client.js';
import type { NetworkStatusReading } from '../core/network/status.js';
import type { Clock } from '../core/ports/clock.js';
import { SecretStoreUnavailableError, type SecretStore } from '../core/ports/secret-store.js';
import type { SocketConnector } from '../core/ports/socket.js';
import { checkCatalog } from '../core/checks/registry.js';
import { SECRET_KINDS, secretAccount, type SecretKind } from '../core/secrets/accounts.js';
import type { Handlers } from './dispatch.js';

const fileOf = (file: FileContent): { readonly name: string; readonly bytes: Buffer } => ({ name: file.name, bytes: Buffer.from(file.contentBase64, 'base64') });
import type { M365Service } from './m365.js';

export interface HandlerDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly appInfo: Omit<AppInfo, 'recovery' | 'setAside'>;
  readonly clock: Clock;
  readonly connector: SocketConnector;
  readonly registry: readonly CheckDefinition[];
  readonly endpointsCache: EndpointsCacheStore;
  /** HTTP for the Microsoft 365 endpoints service (the global fetch in the app). */
  readonly fetch: FetchFunction;
  readonly m365: M365Service;
  /** Header analysis and bounce decoding (in a worker thread in the faces, so a big paste blocks nothing). */
  readonly analysers: Analysers;
  /** The one registry of cancellable runs, shared with the sign-in flows. */
  readonly runs: RunRegistry;
  /** Whether this computer is online now (from its network interfaces, never waiting on the network). */
  readonly network: () => NetworkStatusReading;
  /** Pushes an event to every renderer of this face. */
  readonly emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
}

export function createHandlers(deps: HandlerDependencies): Handlers {
  const { repository, secrets, appInfo, clock } = deps;

  return {
    getAppInfo: () => Promise.resolve({ ...appInfo, recovery: repository.recovery, setAside: repository.setAside }),
    listChecks: () => Promise.resolve(checkCatalog(deps.registry)),
    getNetworkStatus: () => Promise.resolve(deps.network()),
    listEngagements: () => Promise.resolve(repository.list()),
    createEngagement: (details) => Promise.resolve(repository.create(details)),
    updateEngagement: (engagementId, details) => Promise.resolve(repository.update(engagementId, details)),
    deleteEngagement: async (engagementId) => {
      repository.remove(engagementId);
      const removals = await Promise.allSettled(SECRET_KINDS.map((kind) => secrets.delete(secretAccount(engagementId, kind))));
      // Without a keychain nothing was ever saved there: nothing to warn about.
      const failure = removals
        .filter((removal): removal is PromiseRejectedResult => removal.status === 'rejected')
        .find((removal) => !(removal.reason instanceof SecretStoreUnavailableError));
      if (failure === undefined) return { warning: null };
      return { warning: `The engagement was deleted, but its saved passwords could not be removed: ${errorMessage(failure.reason)}` };
    },
    setItemDone: (engagementId, itemId, done) => Promise.resolve(repository.setItemDone(engagementId, itemId, done)),
    getSecretStatus: async (engagementId) => {
      repository.get(engagementId);
      const saved = await Promise.all(
        SECRET_KINDS.map(async (kind) => [kind, (await secrets.get(secretAccount(engagementId, kind))) !== null] as const),
      );
      return Object.fromEntries(saved) as Record<SecretKind, boolean>;
    },
    saveSecret: async (engagementId, kind, value) => {
      repository.get(engagementId);
      await secrets.set(secretAccount(engagementId, kind), value);
      return null;
    },
    deleteSecret: async (engagementId, kind) => {
      repository.get(engagementId);
      await secrets.delete(secretAccount(engagementId, kind));
      return null;
    },
    updateCheckSettings: (engagementId, settings) => Promise.resolve(repository.updateCheckSettings(engagementId, settings)),
    updateConnectorChoices: (engagementId, choices) => Promise.resolve(repository.updateConnectorChoices(engagementId, choices)),
    runChecks: (engagementId, step, runId) =>
      runStepChecks(deps, { engagementId, step, runId }, (progress) => {
        deps.emit('checkProgress', { runId, progress });
      }),
    cancelChecks: (runId) => {
      deps.runs.cancel('check run', runId);
      return Promise.resolve(null);
    },
    inspectCertificate: (engagementId, fileName, contentBase64, pfxPassword) =>
      inspectEngagementCertificate(deps, engagementId, { name: fileName, bytes: Buffer.from(contentBase64, 'base64') }, pfxPassword),
    setRelayCertificate: (engagementId, certificate, key, password) =>
      chooseRelayCertificate(deps, engagementId, fileOf(certificate), key === null ? null : fileOf(key), password),
    clearRelayCertificate: (engagementId) => clearRelayCertificate(deps, engagementId),
    getScripts: (engagementId) => Promise.resolve(scriptsForEngagement(repository.get(engagementId))),
    getFirewallRules: (format) => Promise.resolve(firewallRules(deps, format)),
    refreshFirewallRanges: () => refreshRanges(deps),
    sendTestMessage: async (request) => recordTestMessage(deps, request, await sendEngagementTestMessage(deps, request)),
    removeTestEvidence: (engagementId, evidenceId) => Promise.resolve(repository.removeTestEvidence(engagementId, evidenceId)),
    getM365Status: () => deps.m365.status(),
    updateM365Settings: (settings) => deps.m365.updateSettings(settings),
    signIn: (method, runId) =>
      deps.m365.signIn(method, runId, (prompt) => {
        deps.emit('signInPrompt', { runId, prompt });
      }),
    cancelSignIn: (runId) => {
      deps.m365.cancel(runId);
      return Promise.resolve(null);
    },
    signOut: () => deps.m365.signOut(),
    readTenant: async (engagementId) => {
      repository.get(engagementId);
      return repository.saveTenantSnapshot(engagementId, await deps.m365.readTenant());
    },
    getInventoryScript: (side) => Promise.resolve(savableScript(inventoryScript(side))),
    importInventory: (engagementId, input) => Promise.resolve(importInventory(repository, engagementId, input)),
    removeInventory: (engagementId, side) => Promise.resolve(repository.removeInventory(engagementId, side)),
    importOfficeProof: (engagementId, input) => Promise.resolve(importOfficeProof(repository, engagementId, input)),
    clearOfficeProof: (engagementId, part) => Promise.resolve(repository.clearOfficeProof(engagementId, part)),
    exportEngagements: (engagementIds) => exportEngagements({ repository, secrets, clock, appVersion: appInfo.version }, engagementIds),
    planEngagementsImport: (text) => Promise.resolve(planEngagementsImport(repository, text)),
    importEngagements: (text, choices) => Promise.resolve(importEngagements(repository, text, choices)),
    exportReport: (engagementId, { includeNotes }) =>
      Promise.resolve(engagementReport(repository.get(engagementId), { appVersion: appInfo.version, now: new Date(clock.now()), includeNotes })),
    analyseHeaders: (text, engagementId) => analyseHeadersFor(deps, text, engagementId),
    decodeBounce: (text, engagementId) => decodeBounceFor(deps, text, engagementId),
  };
}
