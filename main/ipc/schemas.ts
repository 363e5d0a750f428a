/**
 * Run-time validation of every call's arguments, one schema per contract method. The type check
 * at the bottom fails the build if a schema drifts from preload/contract.ts.
 */
import { z } from 'zod';
import { checkSettingsSchema, connectorChoicesSchema, engagementDetailsSchema, m365SettingsSchema } from '../../preload/vocabulary/engagement.js';
import { FIREWALL_FORMATS } from '../core/eop/firewall.js';
import { SECRET_KINDS } from '../core/secrets/accounts.js';
import { testMessageRequestSchema } from '../../preload/vocabulary/test-message.js';
import type { InvokeArgs, InvokeMethod } from '../../preload/contract.js';

const id = z.string().min(1).max(100);
/** Pasted headers or a bounce: generous, but bounded. */
const pastedText = z.string().min(1).max(2_000_000);
/** A certificate file: PFX bundles with long chains stay well under 1 MB. */
const base64File = z.base64().max(2_000_000);

export const argumentSchemas = {
  getAppInfo: z.tuple([]),
  listChecks: z.tuple([]),
  getNetworkStatus: z.tuple([]),
  listEngagements: z.tuple([]),
  createEngagement: z.tuple([engagementDetailsSchema]),
  updateEngagement: z.tuple([id, engagementDetailsSchema]),
  deleteEngagement: z.tuple([id]),
  setItemDone: z.tuple([id, z.string().min(1).max(100), z.boolean()]),
  getSecretStatus: z.tuple([id]),
  saveSecret: z.tuple([id, z.enum(SECRET_KINDS), z.string().min(1).max(4096)]),
  deleteSecret: z.tuple([id, z.enum(SECRET_KINDS)]),
  updateCheckSettings: z.tuple([id, checkSettingsSchema]),
  updateConnectorChoices: z.tuple([id, connectorChoicesSchema]),
  runChecks: z.tuple([id, z.enum(['prerequisites', 'part1', 'part2', 'test']), id]),
  cancelChecks: z.tuple([id]),
  inspectCertificate: z.tuple([id, z.string().min(1).max(500), base64File]),
  getScripts: z.tuple([id]),
  getFirewallRules: z.tuple([z.enum(FIREWALL_FORMATS)]),
  analyseHeaders: z.tuple([pastedText]),
  decodeBounce: z.tuple([pastedText]),
  sendTestMessage: z.tuple([testMessageRequestSchema]),
  refreshFirewallRanges: z.tuple([]),
  getM365Status: z.tuple([]),
  updateM365Settings: z.tuple([m365SettingsSchema]),
  signIn: z.tuple([z.enum(['browser', 'device-code']), id]),
  cancelSignIn: z.tuple([id]),
  signOut: z.tuple([]),
  readTenant: z.tuple([id]),
  exportReport: z.tuple([id]),
} as const satisfies { readonly [M in InvokeMethod]: z.ZodType<InvokeArgs<M>> };

export type ParsedArgs<M extends InvokeMethod> = z.output<(typeof argumentSchemas)[M]>;
