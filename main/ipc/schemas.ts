/**
 * Run-time validation of every call's arguments, one schema per contract method. The type check
 * at the bottom fails the build if a schema drifts from preload/contract.ts.
 */
import { z } from 'zod';
import { checkSettingsSchema, connectorChoicesSchema, engagementDetailsSchema } from '../../preload/vocabulary/engagement.js';
import { m365SettingsSchema } from '../../preload/vocabulary/m365.js';
import { LIMITS } from '../../preload/vocabulary/limits.js';
import { INVENTORY_SIDES, OFFICE_PROOF_PARTS } from '../../preload/vocabulary/imports.js';
import { TRANSFER_CHOICES } from '../../preload/vocabulary/transfer.js';
import { firewallAllowSchema } from '../../preload/vocabulary/validation/limits.js';
import { FIREWALL_FORMATS } from '../core/eop/firewall.js';
import { TYPED_SECRET_KINDS } from '../../preload/vocabulary/secrets.js';
import { testMessageRequestSchema } from '../../preload/vocabulary/test-message.js';
import type { InvokeArgs, InvokeMethod } from '../../preload/contract.js';

const id = z.string().min(1).max(100);
/** Pasted headers or a bounce: generous, but bounded. */
const pastedText = z.string().min(1).max(LIMITS.pastedTextChars, `paste at most ${LIMITS.pastedTextChars.toLocaleString('en')} characters: the headers or the bounce only`);
/** A certificate file, base64: four characters for every three bytes of LIMITS.certificateFileBytes. */
const base64File = z
  .base64()
  .max(Math.ceil(LIMITS.certificateFileBytes / 3) * 4, `a certificate file may be at most ${String(LIMITS.certificateFileBytes / 1_000_000)} MB`);
const fileName = z.string().min(1).max(500);
const secret = z.string().min(1).max(LIMITS.secretChars);
/** A certificate or key file the user chose. */
const chosenFile = z.strictObject({ name: fileName, contentBase64: base64File });
/** An inventory document or cmdlet output, from a file (with its name) or pasted (no name). */
const importInput = z.strictObject({
  fileName: z.union([z.null(), z.string().min(1).max(500)]),
  text: z.string().max(LIMITS.pastedTextChars, `at most ${LIMITS.pastedTextChars.toLocaleString('en')} characters can be imported`),
});
/** An engagements export file's text. */
const transferText = z.string().min(1, 'the file is empty').max(LIMITS.pastedTextChars * 10, 'the file is too large for an engagements export');
/** Check settings as a person sends them: the allow list is also capped in entries, as on the command line. */
const checkSettingsArgument = checkSettingsSchema.extend({ firewallAllow: firewallAllowSchema });

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
  saveSecret: z.tuple([id, z.enum(TYPED_SECRET_KINDS), secret]),
  deleteSecret: z.tuple([id, z.enum(TYPED_SECRET_KINDS)]),
  updateCheckSettings: z.tuple([id, checkSettingsArgument]),
  updateConnectorChoices: z.tuple([id, connectorChoicesSchema]),
  runChecks: z.tuple([id, z.enum(['prerequisites', 'part1', 'part2', 'test']), id]),
  cancelChecks: z.tuple([id]),
  inspectCertificate: z.tuple([id, fileName, base64File, z.union([z.null(), secret])]),
  setRelayCertificate: z.tuple([id, chosenFile, z.union([z.null(), chosenFile]), z.union([z.null(), secret])]),
  clearRelayCertificate: z.tuple([id]),
  getScripts: z.tuple([id]),
  getFirewallRules: z.tuple([z.enum(FIREWALL_FORMATS)]),
  analyseHeaders: z.tuple([pastedText, id.nullable()]),
  decodeBounce: z.tuple([pastedText, id.nullable()]),
  removeTestEvidence: z.tuple([id, id]),
  sendTestMessage: z.tuple([testMessageRequestSchema]),
  refreshFirewallRanges: z.tuple([]),
  getM365Status: z.tuple([]),
  updateM365Settings: z.tuple([m365SettingsSchema]),
  signIn: z.tuple([z.enum(['browser', 'device-code']), id]),
  cancelSignIn: z.tuple([id]),
  signOut: z.tuple([]),
  readTenant: z.tuple([id]),
  getInventoryScript: z.tuple([z.enum(INVENTORY_SIDES)]),
  importInventory: z.tuple([id, importInput]),
  removeInventory: z.tuple([id, z.enum(INVENTORY_SIDES)]),
  importOfficeProof: z.tuple([id, importInput]),
  clearOfficeProof: z.tuple([id, z.enum(OFFICE_PROOF_PARTS)]),
  exportEngagements: z.tuple([z.array(id).max(10_000)]),
  planEngagementsImport: z.tuple([transferText]),
  importEngagements: z.tuple([transferText, z.record(id, z.enum(TRANSFER_CHOICES))]),
  exportReport: z.tuple([id, z.strictObject({ includeNotes: z.boolean() })]),
} as const satisfies { readonly [M in InvokeMethod]: z.ZodType<InvokeArgs<M>> };

export type ParsedArgs<M extends InvokeMethod> = z.output<(typeof argumentSchemas)[M]>;
