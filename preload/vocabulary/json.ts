/** Any JSON value, as a schema: evidence and imported documents are JSON all the way down. */
import { z } from 'zod';
import type { Json } from './checks.js';

export const jsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
