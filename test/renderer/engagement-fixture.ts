import { defaultCheckSettings, defaultConnectorChoices, type Engagement } from '../../preload/contract';

/** A saved engagement with nothing ticked or checked yet. */
export function engagementFixture(overrides: Partial<Engagement> = {}): Engagement {
  return {
    id: 'e1',
    name: 'Contoso',
    domains: ['contoso.test'],
    smartHosts: ['mail.contoso.test'],
    serverKind: 'exchange',
    testAddresses: [],
    notes: '',
    progress: {},
    checkSettings: defaultCheckSettings,
    connectorChoices: defaultConnectorChoices,
    checkResults: [],
    certificateInspection: null,
    relayCertificate: null,
    tenantSnapshot: null,
    inventory: [],
    officeProof: { validation: null, trace: null },
    testEvidence: [],
    runHistory: [],
    createdAt: '2026-11-27T09:00:00.000Z',
    updatedAt: '2026-11-27T09:00:00.000Z',
    ...overrides,
  };
}
