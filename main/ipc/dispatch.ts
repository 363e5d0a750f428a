/**
 * The one entry point for every call from a renderer, whatever the transport (Electron IPC or the
 * preview's HTTP): known method, arguments validated against the contract, errors as envelopes.
 */
import type { Envelope, InvokeMethod, InvokeResult } from '../../preload/contract.js';
import { InvalidRequestError, toContractError } from '../app/errors.js';
import { argumentSchemas, type ParsedArgs } from './schemas.js';

export type Handlers = {
  readonly [M in InvokeMethod]: (...args: ParsedArgs<M>) => Promise<InvokeResult<M>>;
};

export const isInvokeMethod = (value: string): value is InvokeMethod => Object.hasOwn(argumentSchemas, value);

/** Logs an unexpected failure for the developer; messages are ours, never secrets. */
export type ErrorReporter = (method: string, error: Error) => void;

export async function dispatch(
  handlers: Handlers,
  method: string,
  args: unknown,
  report: ErrorReporter,
): Promise<Envelope<unknown>> {
  try {
    if (!isInvokeMethod(method)) throw new InvalidRequestError(`Unknown method "${method}".`);
    const parsed = argumentSchemas[method].safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidRequestError(`Invalid arguments for ${method}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'rejected'}.`);
    }
    const handler = handlers[method] as (...values: readonly unknown[]) => Promise<unknown>;
    return { ok: true, value: await handler(...(parsed.data as readonly unknown[])) };
  } catch (error) {
    const failure = toContractError(error);
    if (failure.code === 'internal') report(method, error instanceof Error ? error : new Error(failure.message));
    return { ok: false, error: failure };
  }
}
