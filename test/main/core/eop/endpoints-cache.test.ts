import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME, EndpointsCacheError, fileEndpointsCacheStore } from '../../../../main/core/eop/endpoints-cache.js';
import type { CachedEndpoints } from '../../../../main/core/eop/endpoints-cache.js';
import { bundledSnapshot } from '../../../../main/core/eop/snapshot.js';

const directories: string[] = [];
function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), 'mailflow-eop-cache-'));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const cache: CachedEndpoints = {
  clientRequestId: '3f1c2a4e-8d5b-4f6a-9c7e-1b2d3e4f5a6b',
  instances: { Worldwide: { snapshot: bundledSnapshot, checkedAt: 1_700_000_000_000 } },
};

describe('fileEndpointsCacheStore', () => {
  it('reads null before anything was written', () => {
    expect(fileEndpointsCacheStore(join(scratch(), 'not-yet')).read()).toBeNull();
  });

  it('writes (creating the folder) and reads back the same document, leaving no temporary file', () => {
    const directory = join(scratch(), 'nested', 'data');
    const store = fileEndpointsCacheStore(directory);
    store.write(cache);
    expect(store.location).toBe(join(directory, CACHE_FILE_NAME));
    expect(store.read()).toEqual(cache);
    expect(readdirSync(directory)).toEqual([CACHE_FILE_NAME]);
    expect(JSON.parse(readFileSync(store.location, 'utf8'))).toEqual(cache);
  });

  it('reports a corrupt or foreign file with its location', () => {
    const directory = scratch();
    const store = fileEndpointsCacheStore(directory);
    writeFileSync(store.location, '{ not json');
    expect(() => store.read()).toThrow(EndpointsCacheError);
    expect(() => store.read()).toThrow(store.location);
    writeFileSync(store.location, JSON.stringify({ clientRequestId: 'not-a-uuid', instances: {} }));
    expect(() => store.read()).toThrow(/unexpected shape/);
  });

  it('reports a folder it cannot write to', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'file'), '');
    expect(() => {
      fileEndpointsCacheStore(join(directory, 'file')).write(cache);
    }).toThrow(EndpointsCacheError);
  });
});
