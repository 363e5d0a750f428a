/**
 * A lock file beside the settings, created with O_EXCL and holding the owner's PID, so that only
 * one process at a time reads, changes and writes the settings of a data folder. A lock whose
 * owner is no longer running (a crash), or that is far older than any change takes, is broken; a
 * live owner is waited for, then reported.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { SettingsBusyError } from '../core/ports/settings-store.js';

export interface FolderLockOptions {
  /** How long to wait for a live owner before giving up. */
  readonly waitMs?: number;
}

const POLL_MS = 15;
/** A lock file still empty after this long belongs to a process that died while creating it. */
const EMPTY_LOCK_STALE_MS = 5_000;
/** The breaker lock is held for microseconds; older than this, its owner died holding it. */
const BREAKER_STALE_MS = 10_000;
/**
 * A change holds the lock for milliseconds; one held this long belongs to a process that died,
 * even when its PID has since been given to another, live process.
 */
const LOCK_STALE_MS = 60_000;

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number): void => {
  Atomics.wait(pause, 0, 0, ms);
};

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Creates `path` exclusively with our PID in it; false when it already exists. */
function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/** The owner's PID, null when the file is gone, NaN when it holds no PID (yet). */
function ownerOf(path: string): { pid: number; ageMs: number } | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return { pid, ageMs: Date.now() - statSync(path).mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

const isStale = (owner: { pid: number; ageMs: number }): boolean =>
  owner.ageMs > LOCK_STALE_MS || (Number.isInteger(owner.pid) && owner.pid > 0 ? !isRunning(owner.pid) : owner.ageMs > EMPTY_LOCK_STALE_MS);

/**
 * Breaks a stale lock under a second, short-lived lock, so that two processes that both found it
 * stale cannot remove the fresh lock the faster one has just taken.
 */
function breakStale(path: string): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker)) {
    const holder = ownerOf(breaker);
    if (holder !== null && holder.ageMs > BREAKER_STALE_MS) removeIfPresent(breaker);
    return;
  }
  try {
    const owner = ownerOf(path);
    if (owner !== null && isStale(owner)) removeIfPresent(path);
  } finally {
    removeIfPresent(breaker);
  }
}

/** Runs `work` holding the lock file `path`. */
export function withFolderLock<T>(path: string, describe: string, work: () => T, options: FolderLockOptions = {}): T {
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    if (tryCreate(path)) break;
    const owner = ownerOf(path);
    if (owner !== null && isStale(owner)) {
      breakStale(path);
      continue;
    }
    if (Date.now() > deadline) {
      throw new SettingsBusyError(
        `Not saved: another Mailflow Assistant process${owner !== null && Number.isInteger(owner.pid) ? ` (PID ${owner.pid})` : ''} is writing ${describe} and did not finish in time. Try again; if no other Mailflow Assistant is running, delete ${path}.`,
      );
    }
    sleep(POLL_MS);
  }
  try {
    return work();
  } finally {
    removeIfPresent(path);
  }
}
