/**
 * The one contract between the renderer and the core: each method's arguments and result, and
 * each event's payload. Electron IPC channels and the preview's HTTP routes are derived from the
 * method names here; nothing else names a channel. Main validates arguments at run time with the
 * schemas in main/ipc/schemas.ts, which are type-checked against this file.
 */
import type {
  BounceAnalysis,
  CheckInfo,
  ContractError,
  CheckProgress,
  CheckSettings,
  ConnectorChoices,
  DeviceCodePrompt,
  Engagement,
  EngagementDetails,
  EngagementScripts,
  FirewallFormat,
  HeaderAnalysis,
  ImportOutcome,
  ImportPlan,
  TransferChoice,
  TransferFile,
  ImportInput,
  InventorySide,
  OfficeProofPart,
  SavableScript,
  M365SettingsDocument,
  M365Status,
  SecretKind,
  TypedSecretKind,
  SignedInAccount,
  StepId,
  EvidenceKept,
  TestMessageErrorKind,
  TestMessageRequestInput,
  TestMessageResult,
  TranscriptLine,
} from './vocabulary/index.js';

export * from './vocabulary/index.js';

/** A file the user chose, as its name and its bytes in base64. */
export interface FileContent {
  readonly name: string;
  readonly contentBase64: string;
}

/** A test message's fate: the server's answer, or why it was not sent, in the server's words. */
export type TestMessageOutcome =
  | { readonly ok: true; readonly result: TestMessageResult }
  | {
      readonly ok: false;
      readonly kind: TestMessageErrorKind;
      readonly message: string;
      readonly serverResponse: string | null;
      readonly transcript: readonly TranscriptLine[];
    };

/**
 * A Test tool's answer with what became of it as evidence: kept for a Test item of the engagement
 * (which is returned as saved), or why not. `kept` is null when no engagement was named.
 */
export interface Recorded<T> {
  readonly value: T;
  readonly kept: EvidenceKept | null;
  readonly engagement: Engagement | null;
}

export interface RangesRefresh {
  /** What was asked of the Microsoft 365 endpoints service: nothing (checked within the hour), the version, or the list. */
  readonly contacted: 'none' | 'version' | 'version-and-endpoints';
  readonly version: string | null;
  readonly notes: readonly string[];
}

export interface FirewallRules {
  readonly format: FirewallFormat;
  readonly text: string;
  /** The Microsoft 365 endpoints version and date the ranges come from, and where from. */
  readonly version: string;
  readonly takenAt: string;
  readonly origin: 'web-service' | 'cache' | 'bundled';
  readonly notes: readonly string[];
}

export interface AppInfo {
  readonly version: string;
  readonly face: 'electron' | 'preview';
  readonly settingsLocation: string;
  /** Set when the settings file could not be read at start-up and was moved aside. */
  readonly recovery: { readonly movedTo: string; readonly reason: string } | null;
  /** Engagements (or the Microsoft 365 settings) that failed validation and were kept aside alone. */
  readonly setAside: readonly { readonly engagement: string; readonly movedTo: string; readonly reason: string }[];
}

export interface NetworkStatus {
  readonly online: boolean;
  /** Why the core thinks so, in plain words. */
  readonly detail: string;
}

/** Method → [arguments, result]. */
export interface InvokeSignatures {
  getAppInfo: [args: [], result: AppInfo];
  /** Every check in report order, with what it proves and what its statuses mean. */
  listChecks: [args: [], result: readonly CheckInfo[]];
  getNetworkStatus: [args: [], result: NetworkStatus];
  listEngagements: [args: [], result: readonly Engagement[]];
  createEngagement: [args: [details: EngagementDetails], result: Engagement];
  updateEngagement: [args: [engagementId: string, details: EngagementDetails], result: Engagement];
  /** `warning` is set when the engagement is gone but its keychain entries could not be removed. */
  deleteEngagement: [args: [engagementId: string], result: { readonly warning: string | null }];
  setItemDone: [args: [engagementId: string, itemId: string, done: boolean], result: Engagement];
  /** Which secrets are saved in the keychain for the engagement; the values never leave main. */
  getSecretStatus: [args: [engagementId: string], result: Readonly<Record<SecretKind, boolean>>];
  saveSecret: [args: [engagementId: string, kind: TypedSecretKind, value: string], result: null];
  deleteSecret: [args: [engagementId: string, kind: TypedSecretKind], result: null];
  updateCheckSettings: [args: [engagementId: string, settings: CheckSettings], result: Engagement];
  updateConnectorChoices: [args: [engagementId: string, choices: ConnectorChoices], result: Engagement];
  /** Runs the checks of one step; progress arrives as checkProgress events with the given runId. */
  runChecks: [args: [engagementId: string, step: StepId, runId: string], result: Engagement];
  cancelChecks: [args: [runId: string], result: null];
  /** A certificate file (PEM, DER or PFX, base64); a PFX is opened with the saved PFX password. */
  /** `pfxPassword`: what the user just typed for a PFX (null: the saved one, if the file needs one). */
  inspectCertificate: [args: [engagementId: string, fileName: string, contentBase64: string, pfxPassword: string | null], result: Engagement];
  /**
   * The certificate eop.relay presents (a PFX, or a PEM certificate with its key in it or in `key`),
   * opened with `password` when protected; the certificate and key go to the keychain, the engagement
   * keeps what it is. A wrong password or a key that does not match changes nothing.
   */
  setRelayCertificate: [args: [engagementId: string, certificate: FileContent, key: FileContent | null, password: string | null], result: Engagement];
  /** Forgets the relay test's certificate: the keychain entry and the engagement's note of it. */
  clearRelayCertificate: [args: [engagementId: string], result: Engagement];
  getScripts: [args: [engagementId: string], result: EngagementScripts];
  getFirewallRules: [args: [format: FirewallFormat], result: FirewallRules];
  /** Analyses pasted headers; with an engagement, the connector hops are named and the analysis kept as Test evidence. */
  analyseHeaders: [args: [text: string, engagementId: string | null], result: Recorded<HeaderAnalysis>];
  /** Decodes a bounce; with an engagement, its fixes name the engagement's own connectors and it is kept as Test evidence. */
  decodeBounce: [args: [text: string, engagementId: string | null], result: Recorded<BounceAnalysis>];
  /** Sends a test message; what the server answered is kept as Test evidence of the engagement. */
  sendTestMessage: [args: [request: TestMessageRequestInput], result: Recorded<TestMessageOutcome>];
  removeTestEvidence: [args: [engagementId: string, evidenceId: string], result: Engagement];
  /** Asks Microsoft's endpoints service for newer EOP ranges (at most once an hour); needs a network. */
  refreshFirewallRanges: [args: [], result: RangesRefresh];
  getM365Status: [args: [], result: M365Status];
  updateM365Settings: [args: [settings: M365SettingsDocument], result: M365Status];
  /** Signs in through the system browser or with a code; a code arrives as a signInPrompt event. */
  signIn: [args: [method: 'browser' | 'device-code', runId: string], result: SignedInAccount];
  cancelSignIn: [args: [runId: string], result: null];
  signOut: [args: [], result: M365Status];
  /** Reads the tenant's domains, expected records and accepted domains into the engagement. */
  readTenant: [args: [engagementId: string], result: Engagement];
  /** The read-only script that reads one side's current state into an inventory document. */
  getInventoryScript: [args: [side: InventorySide], result: SavableScript];
  /** Keeps an inventory document with the engagement (replacing that side's earlier one); a wrong file changes nothing. */
  importInventory: [args: [engagementId: string, input: ImportInput], result: Engagement];
  removeInventory: [args: [engagementId: string, side: InventorySide], result: Engagement];
  /** Reads pasted Validate-OutboundConnector, Get-OutboundConnector or Get-MessageTraceV2 output (as JSON) into the engagement. */
  importOfficeProof: [args: [engagementId: string, input: ImportInput], result: Engagement];
  clearOfficeProof: [args: [engagementId: string, part: OfficeProofPart], result: Engagement];
  /** Engagements as one file to move to another machine (all when no id is given); never a secret. */
  exportEngagements: [args: [engagementIds: readonly string[]], result: TransferFile];
  /** What importing an export file would do: its engagements and those here they collide with. */
  planEngagementsImport: [args: [text: string], result: ImportPlan];
  /** Imports an export file; every collision needs its choice, or nothing is imported. */
  importEngagements: [args: [text: string, choices: Readonly<Record<string, TransferChoice>>], result: ImportOutcome];
  /** The handover report as one self-contained HTML file; the engagement's internal notes only when asked. */
  exportReport: [args: [engagementId: string, options: { readonly includeNotes: boolean }], result: { readonly fileName: string; readonly html: string }];
}

export type InvokeMethod = keyof InvokeSignatures;
export type InvokeArgs<M extends InvokeMethod> = InvokeSignatures[M][0];
export type InvokeResult<M extends InvokeMethod> = InvokeSignatures[M][1];

/** Every method, listed once at run time (the preload exposes exactly these). */
export const invokeMethods = [
  'getAppInfo',
  'listChecks',
  'getNetworkStatus',
  'listEngagements',
  'createEngagement',
  'updateEngagement',
  'deleteEngagement',
  'setItemDone',
  'getSecretStatus',
  'saveSecret',
  'deleteSecret',
  'updateCheckSettings',
  'updateConnectorChoices',
  'runChecks',
  'cancelChecks',
  'inspectCertificate',
  'setRelayCertificate',
  'clearRelayCertificate',
  'getScripts',
  'getFirewallRules',
  'analyseHeaders',
  'decodeBounce',
  'sendTestMessage',
  'removeTestEvidence',
  'refreshFirewallRanges',
  'getM365Status',
  'updateM365Settings',
  'signIn',
  'cancelSignIn',
  'signOut',
  'readTenant',
  'getInventoryScript',
  'importInventory',
  'removeInventory',
  'importOfficeProof',
  'clearOfficeProof',
  'exportEngagements',
  'planEngagementsImport',
  'importEngagements',
  'exportReport',
] as const satisfies readonly InvokeMethod[];

/** Fails to compile when a method of InvokeSignatures is missing from invokeMethods. */
export type MissingMethods = Exclude<InvokeMethod, (typeof invokeMethods)[number]>;
export const allMethodsListed: MissingMethods extends never ? true : never = true;

/** Events pushed from main to the renderer. */
export interface EventPayloads {
  checkProgress: { readonly runId: string; readonly progress: CheckProgress };
  signInPrompt: { readonly runId: string; readonly prompt: DeviceCodePrompt };
}
export type EventName = keyof EventPayloads;
export const eventNames = ['checkProgress', 'signInPrompt'] as const satisfies readonly EventName[];

/** What crosses the boundary: never a thrown error, always an envelope. */
export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ContractError };

/** The bridge the preload exposes (and the preview client mimics): one function per method. */
export type RawBridge = {
  readonly [M in InvokeMethod]: (...args: InvokeArgs<M>) => Promise<Envelope<InvokeResult<M>>>;
} & {
  readonly subscribe: <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => () => void;
};

/** What the renderer calls: the bridge with envelopes unwrapped into values or thrown errors. */
export type MailflowApi = {
  readonly [M in InvokeMethod]: (...args: InvokeArgs<M>) => Promise<InvokeResult<M>>;
} & {
  readonly subscribe: RawBridge['subscribe'];
};

export const ipcChannel = (method: InvokeMethod): string => `mailflow:invoke:${method}`;
export const eventChannel = (event: EventName): string => `mailflow:event:${event}`;
