/** A check's advice for the handover report: its words, then each fix it names, in words. */
import { COMMAND_PLACE_LABELS, FIX_ACTION_LABELS, FIX_SETTING_LABELS, type Advice, type Fix } from '../../../preload/vocabulary/checks.js';

export function fixInWords(fix: Fix): string {
  switch (fix.kind) {
    case 'setting': {
      const label = FIX_SETTING_LABELS[fix.setting];
      return `Change ${label.place}: ${label.field}.`;
    }
    case 'action':
      return `${FIX_ACTION_LABELS[fix.action]} in Mailflow Assistant.`;
    case 'command':
      return `${COMMAND_PLACE_LABELS[fix.place]}: ${fix.command}`;
  }
}

/** The fixes of an advice in words, one per line. */
export function fixesInWords(advice: Advice): readonly string[] {
  return advice.fixes.map(fixInWords);
}
