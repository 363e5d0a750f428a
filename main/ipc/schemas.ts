/**
 * Run-time validation of every call's arguments, one schema per contract method. The type check
 * at the bottom fails the build if a schema drifts from preload/contract.ts.
 */
import { z } from 'zod';
import { engagementDetailsSchema } from '../core/engagements/model.js';
import { SECRET_KINDS } from '../core/secrets/accounts.js';
import type { InvokeArgs, InvokeMethod } from '../../preload/contract.js';

const id = z.string().min(1).max(100);

export const argumentSchemas = {
  getAppInfo: z.tuple([]),
  getNetworkStatus: z.tuple([]),
  listEngagements: z.tuple([]),
  createEngagement: z.tuple([engagementDetailsSchema]),
  updateEngagement: z.tuple([id, engagementDetailsSchema]),
  deleteEngagement: z.tuple([id]),
  setItemDone: z.tuple([id, z.string().min(1).max(100), z.boolean()]),
  getSecretStatus: z.tuple([id]),
  saveSecret: z.tuple([id, z.enum(SECRET_KINDS), z.string().min(1).max(4096)]),
  deleteSecret: z.tuple([id, z.enum(SECRET_KINDS)]),
} as const satisfies { readonly [M in InvokeMethod]: z.ZodType<InvokeArgs<M>> };

export type ParsedArgs<M extends InvokeMethod> = z.output<(typeof argumentSchemas)[M]>;
