/**
 * Engagements: one per customer. The zod schema is the single source of the saved shape; the
 * renderer sees the inferred types through the contract.
 */
import { z } from 'zod';
import { SERVER_KINDS } from './server-kinds.js';

export { SERVER_KINDS, type ServerKind } from './server-kinds.js';

const isoTimestamp = z.iso.datetime();

export const itemProgressSchema = z.object({
  done: z.boolean(),
  at: isoTimestamp,
});

const jsonValue: z.ZodType = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const savedResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  step: z.enum(['prerequisites', 'part1', 'part2', 'test']),
  target: z.string().nullable(),
  status: z.enum(['pass', 'warn', 'fail', 'skip', 'error']),
  summary: z.string(),
  evidence: z.record(z.string(), jsonValue),
  advice: z.string().optional(),
  durationMs: z.number(),
});

export const savedRunSchema = z.object({
  startedAt: isoTimestamp,
  durationMs: z.number(),
  results: z.array(savedResultSchema),
});

export const engagementSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  domains: z.array(z.string()),
  smartHosts: z.array(z.string()),
  serverKind: z.enum(SERVER_KINDS),
  testAddresses: z.array(z.string()),
  notes: z.string(),
  progress: z.record(z.string(), itemProgressSchema),
  lastRun: savedRunSchema.nullable(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});

export type Engagement = z.infer<typeof engagementSchema>;
export type ItemProgress = z.infer<typeof itemProgressSchema>;
export type SavedRun = z.infer<typeof savedRunSchema>;

export const CURRENT_SCHEMA_VERSION = 2;

export const settingsDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  engagements: z.array(engagementSchema),
});

export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

/** The fields a person edits; everything else is kept by the repository. */
export const engagementDetailsSchema = z.object({
  name: z.string().trim().min(1, 'Give the engagement a name.').max(200, 'Keep the name under 200 characters.'),
  domains: z.array(z.string().trim().toLowerCase().min(1)).max(100),
  smartHosts: z.array(z.string().trim().toLowerCase().min(1)).max(20),
  serverKind: z.enum(SERVER_KINDS),
  testAddresses: z.array(z.string().trim().min(1)).max(100),
  notes: z.string().max(20_000, 'Keep notes under 20,000 characters.'),
});

export type EngagementDetails = z.infer<typeof engagementDetailsSchema>;
