import { describe, expect, it } from 'vitest';
import { createRunRegistry, RunInUseError, RunNotFoundError } from '../../../main/app/runs.js';

describe('the run registry', () => {
  it('holds a run id while its task runs and cancels it through its signal', async () => {
    const runs = createRunRegistry();
    let release: () => void = () => undefined;
    const running = runs.run('check run', 'r-1', (signal) => new Promise<string>((resolve) => {
      release = () => resolve('done');
      signal.addEventListener('abort', () => resolve(`aborted: ${(signal.reason as Error).message}`));
    }));
    await expect(runs.run('sign-in', 'r-1', () => Promise.resolve('again'))).rejects.toThrow(new RunInUseError('A sign-in with this id is already going on.'));
    runs.cancel('check run', 'r-1');
    expect(await running).toBe('aborted: cancelled by the user');
    release();
    expect(() => runs.cancel('check run', 'r-1')).toThrow(new RunNotFoundError('That check run has already ended.'));
  });

  it('shares ids between check runs and sign-ins, but cancels only the kind asked for', async () => {
    const runs = createRunRegistry();
    const running = runs.run('sign-in', 's-1', (signal) => new Promise<boolean>((resolve) => {
      signal.addEventListener('abort', () => resolve(true));
      setTimeout(() => resolve(false), 200);
    }));
    expect(() => runs.cancel('check run', 's-1')).toThrow(new RunNotFoundError('That check run has already ended.'));
    runs.cancel('sign-in', 's-1');
    expect(await running).toBe(true);
  });

  it('frees the id when the task fails', async () => {
    const runs = createRunRegistry();
    await expect(runs.run('check run', 'r-2', () => Promise.reject(new Error('broke')))).rejects.toThrow('broke');
    expect(await runs.run('check run', 'r-2', () => Promise.resolve('free again'))).toBe('free again');
  });
});
