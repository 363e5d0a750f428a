import { psString } from './quote.js';
import type { ScriptParameter } from './types.js';

/** One cmdlet parameter: its already-quoted PowerShell value and what it does, in one line. */
export interface PsParameter {
  readonly name: string;
  readonly value: string;
  readonly explanation: string;
}

/**
 * A cmdlet call written with splatting (a hashtable of parameters), one parameter per line, so the
 * admin can read and adjust it without juggling backtick line continuations. The object's name or
 * identity is passed outside the hashtable so New-* and Set-* share the same settings.
 */
export function splattedCall(variable: string, cmdlet: string, target: PsParameter, parameters: readonly PsParameter[]): string[] {
  const width = Math.max(...parameters.map((parameter) => parameter.name.length));
  return [
    `$${variable} = @{`,
    ...parameters.map((parameter) => `    ${parameter.name.padEnd(width)} = ${parameter.value}`),
    '}',
    `${cmdlet} -${target.name} ${target.value} @${variable}`,
  ];
}

/** A short call on one line, for cmdlets with two or three parameters. */
export function inlineCall(cmdlet: string, parameters: readonly PsParameter[]): string {
  return [cmdlet, ...parameters.map((parameter) => `-${parameter.name} ${parameter.value}`)].join(' ');
}

/** The explanation list for the app, in script order, one entry per cmdlet parameter. */
export function describe(cmdlet: string, parameters: readonly PsParameter[]): ScriptParameter[] {
  return parameters.map((parameter) => ({ name: `${cmdlet} -${parameter.name}`, explanation: parameter.explanation }));
}

/** A comment line; the text comes from the generator, but quoting-proofing it costs nothing. */
export function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

export function nameParameter(mode: 'new' | 'edit', value: string, what: string): PsParameter {
  return mode === 'new'
    ? { name: 'Name', value: psString(value), explanation: `The name of the new ${what}; scripts and the admin center refer to it by this name.` }
    : { name: 'Identity', value: psString(value), explanation: `The existing ${what} to change; settings not listed here stay as they are.` };
}
