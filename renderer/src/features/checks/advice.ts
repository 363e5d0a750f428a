/** Advice in the app's terms: each fix as a control that opens its field or does its action, never a CLI option. */
import { COMMAND_PLACE_LABELS, FIX_ACTION_LABELS, FIX_SETTING_LABELS, type Fix, type FixAction, type FixSetting, type StepId } from '../../../../preload/contract';

/** Where the app opens a fix: the step page that holds it, the element to focus, and what must open first. */
export interface FixPlace {
  readonly step: StepId;
  readonly elementId: string;
  /** A form that has to be opened before its field exists. */
  readonly opens?: 'engagement-details';
}

export type AppFix =
  | { readonly kind: 'setting'; readonly label: string; readonly place: FixPlace }
  | { readonly kind: 'action'; readonly label: string; readonly action: FixAction }
  | { readonly kind: 'command'; readonly label: string; readonly command: string };

/** The id of the element a setting's field has in the app (the fields carry these ids). */
export const settingFieldId = (setting: FixSetting): string => `field-${setting}`;

/** Which step page holds each setting's field. */
const SETTING_STEPS: Readonly<Record<FixSetting, { readonly step: StepId; readonly opens?: FixPlace['opens'] }>> = {
  smartHosts: { step: 'prerequisites', opens: 'engagement-details' },
  domains: { step: 'prerequisites', opens: 'engagement-details' },
  smtpPort: { step: 'prerequisites' },
  dnsServer: { step: 'prerequisites' },
  tenantMx: { step: 'prerequisites' },
  firewallAllow: { step: 'prerequisites' },
  timeoutMs: { step: 'prerequisites' },
  extraCa: { step: 'prerequisites' },
  inboundBy: { step: 'part1' },
  certificateName: { step: 'part1' },
  relayTo: { step: 'prerequisites' },
};

/** Where a setting's field is. */
export function settingPlace(setting: FixSetting): FixPlace {
  const where = SETTING_STEPS[setting];
  return { step: where.step, elementId: settingFieldId(setting), ...(where.opens === undefined ? {} : { opens: where.opens }) };
}

/**
 * The panel where an action is done or shows its outcome; null for running the checks again,
 * which shows its progress where the button is.
 */
export function actionPlace(action: FixAction, resultStep: StepId): FixPlace | null {
  switch (action) {
    case 'run-again':
      return null;
    case 'refresh-ranges':
    case 'firewall-rules':
      return { step: 'prerequisites', elementId: 'firewall-heading' };
    case 'sign-in':
    case 'read-tenant':
      return { step: 'part1', elementId: 'm365-heading' };
    case 'import-validation':
      return { step: 'part1', elementId: 'office-proof-heading-validation' };
    case 'records-to-publish':
      return resultStep === 'part1' ? { step: 'part1', elementId: 'records-dns.mx' } : { step: 'part2', elementId: 'records-dns.spf-dns.dmarc' };
  }
}

/** How the app shows a fix: a control that opens its field, does its action or copies its command. */
export function appFix(fix: Fix): AppFix {
  switch (fix.kind) {
    case 'setting': {
      const label = FIX_SETTING_LABELS[fix.setting];
      return { kind: 'setting', label: `Open ${label.place}: ${label.field}`, place: settingPlace(fix.setting) };
    }
    case 'action':
      return { kind: 'action', label: FIX_ACTION_LABELS[fix.action], action: fix.action };
    case 'command':
      return { kind: 'command', label: COMMAND_PLACE_LABELS[fix.place], command: fix.command };
  }
}
