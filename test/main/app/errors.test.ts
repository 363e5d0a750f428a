import { describe, expect, it } from 'vitest';
import { errorCodeOf, InvalidRequestError, toContractError } from '../../../main/app/errors.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { RunInUseError, RunNotFoundError } from '../../../main/app/runs.js';
import { EngagementNotFoundError } from '../../../main/core/engagements/repository.js';
import { MissingAnswersError } from '../../../main/core/engagements/preflight-inputs.js';
import { M365ConfigurationError } from '../../../main/core/m365/clouds.js';
import { M365Error } from '../../../main/core/m365/errors.js';
import { NoHeadersError } from '../../../main/core/headers/analyse.js';
import { KeychainError } from '../../../main/platform/keychain.js';
import { FileWriteError, InputReadError } from '../../../main/platform/files.js';

describe('toContractError', () => {
  it('maps the core’s typed errors to codes by class', () => {
    expect(toContractError(new EngagementNotFoundError('e-1'))).toEqual({ code: 'not-found', message: 'No engagement with id e-1: it may have been deleted in another window.' });
    expect(errorCodeOf(new InvalidRequestError('bad'))).toBe('invalid-request');
    expect(errorCodeOf(new RunInUseError('x'))).toBe('run-in-use');
    expect(errorCodeOf(new RunNotFoundError('x'))).toBe('run-not-found');
    expect(errorCodeOf(new MissingAnswersError('x'))).toBe('missing-answers');
    expect(errorCodeOf(new M365ConfigurationError('x'))).toBe('m365-configuration');
    expect(errorCodeOf(new M365Error('network', 'x'))).toBe('m365');
    expect(errorCodeOf(new KeychainError('x'))).toBe('keychain');
    expect(errorCodeOf(new FileWriteError('x'))).toBe('write');
    expect(errorCodeOf(new InputReadError('x'))).toBe('bad-input');
    expect(errorCodeOf(new NoHeadersError())).toBe('bad-input');
  });

  it('never trusts a name: an error that only calls itself M365ConfigurationError is internal', () => {
    const impostor = new Error('looks like a configuration problem');
    impostor.name = 'M365ConfigurationError';
    expect(toContractError(impostor)).toEqual({ code: 'internal', message: 'looks like a configuration problem' });
  });

  it('turns any thrown value into a message', () => {
    expect(errorMessage(new TypeError('boom'))).toBe('boom');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(toContractError(undefined)).toEqual({ code: 'internal', message: 'undefined' });
  });
});
