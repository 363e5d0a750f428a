/** The contract's methods implemented on the core; shared by the Electron app and the preview. */
import { networkInterfaces } from 'node:os';
import type { CheckDefinition, Json } from '../core/checks/types.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import { preflightInputsFromEngagement } from '../core/engagements/preflight-inputs.js';
import { scriptsForEngagement } from '../core/engagements/script-inputs.js';
import type { EndpointsCacheStore } from '../core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf, refreshEndpoints, type FetchFunction } from '../core/eop/endpoints-client.js';
import { createResolver } from '../core/dns/node-resolver.js';
import { lookupTimeoutMs } from '../core/preflight/run.js';
import { sendTestMessage, TestMessageError } from '../core/test-message/send.js';
import { parseDnsServer } from '../../preload/vocabulary/validation/dns-server.js';
import { formatFirewallRules } from '../core/eop/firewall.js';
import { staleNote } from '../core/eop/ranges.js';
import { analyseHeaders } from '../core/headers/analyse.js';
import { decodeBounce } from '../core/ndr/decode.js';
import { networkStatusFrom } from '../core/network/status.js';
import type { Clock } from '../core/ports/clock.js';
import type { SocketConnector } from '../core/ports/socket.js';
import { SecretStoreUnavailableError, type SecretStore } from '../core/ports/secret-store.js';
import { runPreflight } from '../core/preflight/run.js';
import { isCancelledResult } from '../core/checks/runner.js';
import { checkCatalog } from '../core/checks/registry.js';
import { SECRET_KINDS, secretAccount, type SecretKind } from '../core/secrets/accounts.js';
import { CertificateFileError, parseCertificateFile } from '../core/tls/certificate-file.js';
import { trustAnchors } from '../core/tls/chain.js';
import { inspectCertificateFile } from '../core/tls/inspection.js';
import type { AppInfo, EventName, EventPayloads } from '../../preload/contract.js';
import type { Handlers } from './dispatch.js';
import type { M365Service } from './m365.js';
import { renderEngagementReport } from '../core/report/from-engagement.js';

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
  /** Pushes an event to every renderer of this face. */
  readonly emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
}

export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}

export class RunInUseError extends Error {
  override readonly name = 'RunInUseError';
}

/**
 * Parses with the saved PFX password. With no keychain on this machine a PEM or DER file (or a PFX
 * without a password) is still read; only a PFX that needs its password reports the keychain's fix.
 */
async function withSavedPfxPassword<T>(secrets: SecretStore, engagementId: string, parse: (password: string | null) => T): Promise<T> {
  let password: string | null;
  try {
    password = await secrets.get(secretAccount(engagementId, 'pfx-password'));
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    try {
      return parse(null);
    } catch (parseError) {
      if (parseError instanceof CertificateFileError && parseError.kind === 'password-required') throw error;
      throw parseError;
    }
  }
  return parse(password);
}

export function createHandlers(deps: HandlerDependencies): Handlers {
  const { repository, secrets, appInfo, clock } = deps;
  const runs = new Map<string, AbortController>();

  return {
    getAppInfo: () => Promise.resolve({ ...appInfo, recovery: repository.recovery, setAside: repository.setAside }),
    listChecks: () => Promise.resolve(checkCatalog(deps.registry)),
    getNetworkStatus: () => Promise.resolve(networkStatusFrom(networkInterfaces())),
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
      const reason = failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
      return { warning: `The engagement was deleted, but its saved passwords could not be removed: ${reason}` };
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
    runChecks: async (engagementId, step, runId) => {
      const inputs = preflightInputsFromEngagement(repository.get(engagementId));
      const only = deps.registry.filter((definition) => definition.step === step).map((definition) => definition.id);
      if (only.length === 0) return repository.get(engagementId);
      if (runs.has(runId)) throw new RunInUseError('A check run with this id is already going on.');
      const controller = new AbortController();
      runs.set(runId, controller);
      try {
        const report = await runPreflight(
          inputs,
          { connector: deps.connector, clock, registry: deps.registry },
          {
            only,
            signal: controller.signal,
            onProgress: (progress) => {
              deps.emit('checkProgress', { runId, progress });
            },
          },
        );
        // A cancelled run keeps the previous verdicts of the checks it did not finish.
        const finished = report.results.filter((result) => !isCancelledResult(result));
        return repository.saveCheckResults(engagementId, finished.map((result) => ({ ...result, ranAt: report.startedAt })));
      } finally {
        runs.delete(runId);
      }
    },
    cancelChecks: (runId) => {
      const controller = runs.get(runId);
      if (controller === undefined) throw new RunNotFoundError('That check run has already finished.');
      controller.abort(new Error('cancelled by the user'));
      return Promise.resolve(null);
    },
    inspectCertificate: async (engagementId, fileName, contentBase64) => {
      const engagement = repository.get(engagementId);
      const file = await withSavedPfxPassword(secrets, engagementId, (password) => parseCertificateFile(Buffer.from(contentBase64, 'base64'), password, fileName));
      const report = inspectCertificateFile(fileName, file, {
        host: engagement.smartHosts[0] ?? null,
        domains: engagement.domains,
        anchors: trustAnchors([]),
        now: clock.now(),
      });
      return repository.saveCertificateInspection(engagementId, {
        fileName,
        at: new Date(clock.now()).toISOString(),
        report: JSON.parse(JSON.stringify(report)) as Record<string, Json>,
      });
    },
    getScripts: (engagementId) => Promise.resolve(scriptsForEngagement(repository.get(engagementId))),
    getFirewallRules: (format) => {
      const loaded = loadEndpointsOffline(deps.endpointsCache);
      const ranges = rangesOf(loaded);
      const stale = staleNote(ranges, clock.now());
      return Promise.resolve({
        format,
        text: formatFirewallRules(ranges, format),
        version: ranges.version,
        takenAt: ranges.takenAt,
        origin: ranges.origin,
        notes: [...ranges.notes, ...(stale === null ? [] : [stale])],
      });
    },
    refreshFirewallRanges: async () => {
      const refreshed = await refreshEndpoints({ fetch: deps.fetch, store: deps.endpointsCache, clock });
      return { contacted: refreshed.contacted, version: refreshed.snapshot?.version ?? null, notes: refreshed.notes };
    },
    sendTestMessage: async (request) => {
      const engagement = repository.get(request.engagementId);
      const server = request.server.toLowerCase();
      if (request.username !== undefined && !engagement.smartHosts.includes(server)) {
        // The saved password belongs to this engagement's servers; it is never sent anywhere else.
        return {
          ok: false,
          kind: 'auth',
          message: `The saved SMTP password is only sent to this engagement's smart hosts (${engagement.smartHosts.join(', ') || 'none yet'}): add ${server} to the smart hosts in Details to log in there, or leave the user name empty.`,
          serverResponse: null,
          transcript: [],
        };
      }
      const dnsServer = engagement.checkSettings.dnsServer === null ? null : parseDnsServer(engagement.checkSettings.dnsServer);
      const resolver = createResolver({
        server: dnsServer?.ok === true ? dnsServer.value : null,
        timeoutMs: lookupTimeoutMs(request.timeoutMs),
        tries: 2,
      });
      try {
        return { ok: true, result: await sendTestMessage(request, { secrets, clock, resolver }) };
      } catch (error) {
        if (!(error instanceof TestMessageError)) throw error;
        return { ok: false, kind: error.kind, message: error.message, serverResponse: error.serverResponse, transcript: error.transcript };
      }
    },
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
    exportReport: (engagementId) => {
      const engagement = repository.get(engagementId);
      const now = new Date(clock.now());
      const slug = engagement.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'engagement';
      return Promise.resolve({
        fileName: `mailflow-handover-${slug}-${now.toISOString().slice(0, 10)}.html`,
        html: renderEngagementReport(engagement, { appVersion: appInfo.version, now }),
      });
    },
    analyseHeaders: (text) => Promise.resolve(analyseHeaders(text)),
    decodeBounce: (text) => Promise.resolve(decodeBounce(text)),
  };
}
