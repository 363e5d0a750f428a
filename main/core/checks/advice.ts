/** Advice as data: plain words for every face, and the fixes it names (rendered per face). */
import type { Advice, Fix } from './types.js';

export const advise = (text: string, ...fixes: readonly Fix[]): Advice => ({ text, fixes });

/** A verdict's optional advice text as an outcome's optional `advice`, with the fixes it names. */
export function adviceOf(text: string | undefined, ...fixes: readonly Fix[]): { readonly advice?: Advice } {
  return text === undefined ? {} : { advice: advise(text, ...fixes) };
}

export const settingFix = (setting: Extract<Fix, { kind: 'setting' }>['setting']): Fix => ({ kind: 'setting', setting });
export const actionFix = (action: Extract<Fix, { kind: 'action' }>['action']): Fix => ({ kind: 'action', action });
export const commandFix = (place: Extract<Fix, { kind: 'command' }>['place'], command: string): Fix => ({ kind: 'command', place, command });
