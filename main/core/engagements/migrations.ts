/**
 * Versioned migrations of the settings document. Each step takes the document of version N and
 * returns version N+1; a document from a newer app is refused rather than rewritten.
 */
export class SettingsVersionError extends Error {
  override readonly name = 'SettingsVersionError';
}

/** The file is JSON, but not a settings document at all: it is kept aside, never migrated over. */
export class SettingsShapeError extends Error {
  override readonly name = 'SettingsShapeError';
}

type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Version 1 kept one smart host per engagement and ticks without a time.
 * Version 2: several smart hosts, progress entries `{ done, at }`, the last check run.
 */
const toVersion2: Migration = (document) => {
  const engagements = Array.isArray(document.engagements) ? document.engagements : [];
  return {
    schemaVersion: 2,
    engagements: engagements.map((raw) => {
      const engagement = asRecord(raw);
      const updatedAt = typeof engagement.updatedAt === 'string' ? engagement.updatedAt : new Date(0).toISOString();
      const ticks = asRecord(engagement.progress);
      const { smartHost, ...rest } = engagement;
      return {
        ...rest,
        smartHosts: typeof smartHost === 'string' && smartHost !== '' ? [smartHost] : [],
        progress: Object.fromEntries(
          Object.entries(ticks).map(([itemId, done]) => [itemId, { done: done === true, at: updatedAt }]),
        ),
        lastRun: null,
      };
    }),
  };
};

/**
 * Version 3: the last run is kept per check and target (`checkResults`, each with its time) so that
 * running one step does not forget another's; check settings, connector choices, the inspected
 * certificate, the tenant read from Microsoft 365 and the installation's Microsoft 365 settings added.
 */
const toVersion3: Migration = (document) => {
  const engagements = Array.isArray(document.engagements) ? document.engagements : [];
  return {
    schemaVersion: 3,
    preferences: { m365: { cloud: 'Worldwide', clientId: null, tenant: 'organizations' } },
    engagements: engagements.map((raw) => {
      const { lastRun, ...engagement } = asRecord(raw);
      const run = asRecord(lastRun);
      const results = Array.isArray(run.results) ? run.results : [];
      return {
        ...engagement,
        checkSettings: { smtpPort: 25, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 10_000 },
        connectorChoices: {
          scope: 'accepted-domains',
          inboundBy: 'certificate',
          senderIpAddresses: [],
          certificateName: null,
          tlsSettings: 'CertificateValidation',
          mode: 'new',
        },
        checkResults: results.map((result) => ({ ...asRecord(result), ranAt: run.startedAt })),
        certificateInspection: null,
        tenantSnapshot: null,
      };
    }),
  };
};

/**
 * Version 4: a saved result's advice is data (`{ text, fixes }`, the fixes each face renders in its
 * own terms); a saved string becomes its text, with no fixes, since old words cannot be parsed back.
 */
const toVersion4: Migration = (document) => {
  const engagements = Array.isArray(document.engagements) ? document.engagements : [];
  return {
    ...document,
    schemaVersion: 4,
    engagements: engagements.map((raw) => {
      const engagement = asRecord(raw);
      const results = Array.isArray(engagement.checkResults) ? engagement.checkResults : [];
      return {
        ...engagement,
        checkResults: results.map((entry) => {
          const result = asRecord(entry);
          return typeof result.advice === 'string' ? { ...result, advice: { text: result.advice, fixes: [] } } : result;
        }),
      };
    }),
  };
};

/**
 * Version 5: what was imported from the real systems (inventory documents, Microsoft's own proof),
 * nothing yet; and the check settings' extra trusted CA certificates, none yet.
 */
const toVersion5: Migration = (document) => {
  const engagements = Array.isArray(document.engagements) ? document.engagements : [];
  return {
    ...document,
    schemaVersion: 5,
    engagements: engagements.map((raw) => {
      const engagement = asRecord(raw);
      return { ...engagement, checkSettings: { ...asRecord(engagement.checkSettings), extraCaPem: '' }, inventory: [], officeProof: { validation: null, trace: null } };
    }),
  };
};

/** A migration that gives every engagement the same new fields and changes nothing else. */
const addToEveryEngagement =
  (version: number, fields: () => Record<string, unknown>): Migration =>
  (document) => {
    const engagements = Array.isArray(document.engagements) ? document.engagements : [];
    return { ...document, schemaVersion: version, engagements: engagements.map((raw) => ({ ...asRecord(raw), ...fields() })) };
  };

/** Version 6: the Test step's evidence (messages sent, headers read, bounces decoded), none yet. */
const toVersion6 = addToEveryEngagement(6, () => ({ testEvidence: [] }));

/** Version 7: the history of the last check runs (what each ran with and what it found), none yet. */
const toVersion7 = addToEveryEngagement(7, () => ({ runHistory: [] }));

/** migrations[i] turns version i+1 into version i+2. */
const migrations: readonly Migration[] = [toVersion2, toVersion3, toVersion4, toVersion5, toVersion6, toVersion7];

export const LATEST_VERSION = migrations.length + 1;

/** Brings a stored document to the latest version; returns it unchanged when already there. */
export function migrateSettings(stored: unknown): { readonly document: Record<string, unknown>; readonly fromVersion: number } {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new SettingsShapeError('it holds JSON, but not a settings document (an object)');
  }
  const document = asRecord(stored);
  if (!Array.isArray(document.engagements)) throw new SettingsShapeError('it has no list of engagements');
  // Without a version we cannot know what the fields mean: kept aside, never guessed as version 1.
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SettingsShapeError(
      version === undefined ? 'it has no schemaVersion' : `its schemaVersion is not a version number (${JSON.stringify(version).slice(0, 40)})`,
    );
  }
  if (version > LATEST_VERSION) {
    throw new SettingsVersionError(
      `The settings file was written by a newer version of Mailflow Assistant (schema ${version}; this one reads up to ${LATEST_VERSION}). Update the app.`,
    );
  }
  let current = document;
  for (const migrate of migrations.slice(version - 1)) current = migrate(current);
  return { document: current, fromVersion: version };
}
