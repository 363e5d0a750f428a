/** A stand-in for the contract's API with only the methods a test gives it. */
import type { MailflowApi } from '../../preload/contract';

export function fakeApi(methods: Partial<MailflowApi>): MailflowApi {
  return { subscribe: () => () => undefined, ...methods } as MailflowApi;
}

/** A failure as the contract's client throws it: a message and, once the core sends one, a code. */
export function apiFailure(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}
