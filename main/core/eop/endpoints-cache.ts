/**
 * Where refreshed endpoint lists and the installation's client request id are kept between runs.
 * The client talks to the small EndpointsCacheStore interface; the app and the CLI hand it the
 * file-backed store below (or an in-memory one in tests).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ENDPOINTS_INSTANCES, endpointsSnapshotSchema } from './endpoints-data.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

const cachedInstanceSchema = z.object({
  /** The last list downloaded; null while the bundled snapshot is still the current version. */
  snapshot: endpointsSnapshotSchema.nullable(),
  /** When the web service was last asked for this instance (ms since the epoch), success or 429. */
  checkedAt: z.number().int().nonnegative(),
});
export type CachedInstance = z.infer<typeof cachedInstanceSchema>;

export const cachedEndpointsSchema = z.object({
  /** One random UUID per installation, sent as `clientrequestid` as Microsoft asks. */
  clientRequestId: z.uuid(),
  instances: z.partialRecord(z.enum(ENDPOINTS_INSTANCES), cachedInstanceSchema),
});
export type CachedEndpoints = z.infer<typeof cachedEndpointsSchema>;

/** Persistence for CachedEndpoints; `read` returns null when nothing was saved yet. */
export interface EndpointsCacheStore {
  read(): CachedEndpoints | null;
  write(cache: CachedEndpoints): void;
  /** Where the cache lives, for messages to the user. */
  readonly location: string;
}

/** The cache file exists but cannot be used; the message says which file and why. */
export class EndpointsCacheError extends Error {
  override readonly name = 'EndpointsCacheError';
}

export const CACHE_FILE_NAME = 'eop-endpoints.json';

/** A JSON file in the data directory, written atomically (temp file + rename). */
export function fileEndpointsCacheStore(dataDir: string): EndpointsCacheStore {
  const location = join(dataDir, CACHE_FILE_NAME);
  return {
    location,
    read(): CachedEndpoints | null {
      let text: string;
      try {
        text = readFileSync(location, 'utf8');
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
        throw new EndpointsCacheError(`Cannot read the endpoints cache ${location}: ${errorMessage(error)}`);
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new EndpointsCacheError(`The endpoints cache ${location} is not valid JSON (${errorMessage(error)}); delete it to start afresh.`);
      }
      const parsed = cachedEndpointsSchema.safeParse(document);
      if (!parsed.success) {
        throw new EndpointsCacheError(
          `The endpoints cache ${location} has an unexpected shape (${z.prettifyError(parsed.error).split('\n')[0] ?? 'invalid'}); delete it to start afresh.`,
        );
      }
      return parsed.data;
    },
    write(cache: CachedEndpoints): void {
      try {
        mkdirSync(dirname(location), { recursive: true });
        const temporary = `${location}.${String(process.pid)}.tmp`;
        writeFileSync(temporary, `${JSON.stringify(cache, null, 2)}\n`, 'utf8');
        renameSync(temporary, location);
      } catch (error) {
        throw new EndpointsCacheError(`Cannot write the endpoints cache ${location}: ${errorMessage(error)}`);
      }
    },
  };
}

/** An in-memory store: for tests and for runs that must not touch the disk. */
export function memoryEndpointsCacheStore(initial: CachedEndpoints | null = null): EndpointsCacheStore {
  let current = initial;
  return {
    location: 'memory',
    read: () => current,
    write: (cache) => {
      current = cache;
    },
  };
}
