/**
 * One error shape for every face: the core's typed errors become a ContractError code by class
 * (never by matching a class name as a string), and any thrown value becomes a message.
 */
import { errorMessage, type ContractError, type ErrorCode } from '../../preload/vocabulary/errors.js';
import { InvalidEngagementError, EngagementNotFoundError } from '../core/engagements/repository.js';
import { MissingAnswersError } from '../core/engagements/preflight-inputs.js';
import { AllowListParseError } from '../core/eop/coverage.js';
import { NoHeadersError } from '../core/headers/analyse.js';
import { M365ConfigurationError } from '../core/m365/clouds.js';
import { M365Error } from '../core/m365/errors.js';
import { NoBounceError } from '../core/ndr/decode.js';
import { InventoryImportError } from '../core/inventory/document.js';
import { ValidationImportError } from '../core/validation-import/parse.js';
import { TransferFileError } from '../core/engagements/transfer.js';
import { SecretStoreUnavailableError } from '../core/ports/secret-store.js';
import { SettingsBusyError } from '../core/ports/settings-store.js';
import { ChunkedSecretError } from '../core/secrets/chunked-secret-store.js';
import { ScriptInputError } from '../core/scripts/types.js';
import { CertificateFileError, CertificatePasswordRequiredError } from '../core/tls/certificate-file.js';
import { CertificateParseError } from '../core/tls/certificate.js';
import { KeychainError } from '../platform/keychain.js';
import { FileWriteError, InputReadError } from '../platform/files.js';
import { RelayCertificateMissingError } from './relay-certificate.js';
import { RunInUseError, RunNotFoundError } from './runs.js';

/** The call's arguments (or a command line) were refused; the message names the field. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Checked in order; the first class the error is an instance of gives its code. */
const CODES: readonly (readonly [ErrorClass, ErrorCode])[] = [
  [InvalidRequestError, 'invalid-request'],
  [InvalidEngagementError, 'invalid-request'],
  [EngagementNotFoundError, 'not-found'],
  [RunInUseError, 'run-in-use'],
  [RunNotFoundError, 'run-not-found'],
  [MissingAnswersError, 'missing-answers'],
  [RelayCertificateMissingError, 'missing-answers'],
  [ScriptInputError, 'missing-answers'],
  [AllowListParseError, 'bad-input'],
  [NoHeadersError, 'bad-input'],
  [NoBounceError, 'bad-input'],
  [InventoryImportError, 'bad-input'],
  [ValidationImportError, 'bad-input'],
  [TransferFileError, 'bad-input'],
  [CertificatePasswordRequiredError, 'password-required'],
  [CertificateFileError, 'bad-input'],
  [CertificateParseError, 'bad-input'],
  [InputReadError, 'bad-input'],
  [SecretStoreUnavailableError, 'keychain-unavailable'],
  [KeychainError, 'keychain'],
  [ChunkedSecretError, 'keychain'],
  [M365ConfigurationError, 'm365-configuration'],
  [M365Error, 'm365'],
  [FileWriteError, 'write'],
  [SettingsBusyError, 'conflict'],
];

export function errorCodeOf(error: unknown): ErrorCode {
  return CODES.find(([type]) => error instanceof type)?.[1] ?? 'internal';
}

/** What crosses the contract for a failure: its code and a message a person can act on. */
export function toContractError(error: unknown): ContractError {
  return { code: errorCodeOf(error), message: errorMessage(error) };
}
