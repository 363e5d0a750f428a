/** Advice in the app's terms: each fix as a labelled control or a command to copy, never a CLI option. */
import { COMMAND_PLACE_LABELS, FIX_ACTION_LABELS, FIX_SETTING_LABELS, type Fix } from '../../../../preload/contract';

export type AppFix =
  | { readonly kind: 'setting'; readonly label: string }
  | { readonly kind: 'action'; readonly label: string }
  | { readonly kind: 'command'; readonly label: string; readonly command: string };

/** How the app shows a fix; null for a setting the app has no field for (the advice's words say it). */
export function appFix(fix: Fix): AppFix | null {
  switch (fix.kind) {
    case 'setting': {
      const label = FIX_SETTING_LABELS[fix.setting];
      return label === null ? null : { kind: 'setting', label: `Open ${label.place}: ${label.field}` };
    }
    case 'action':
      return { kind: 'action', label: FIX_ACTION_LABELS[fix.action] };
    case 'command':
      return { kind: 'command', label: COMMAND_PLACE_LABELS[fix.place], command: fix.command };
  }
}
