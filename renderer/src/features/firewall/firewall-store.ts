/** The Office 365 ranges as firewall rules in the chosen format, and the check for newer ranges. */
import { create } from 'zustand';
import type { FirewallFormat, RangesRefresh, FirewallRules } from '../../../../preload/contract';
import { runAction } from '../../api/actions';

export const REFRESH_RANGES = 'refreshFirewallRanges';

interface FirewallState {
  readonly format: FirewallFormat;
  readonly rules: FirewallRules | null;
  /** What the last check for newer ranges found, in words. */
  readonly note: string | null;
  /** Starts the panel afresh: the plain list, no note. */
  readonly open: () => Promise<void>;
  readonly setFormat: (format: FirewallFormat) => Promise<void>;
  readonly refresh: () => Promise<void>;
}

/** What a check for newer ranges did, with the notes the core added. */
export function refreshNote(result: RangesRefresh): string {
  const what =
    result.contacted === 'none'
      ? 'Checked less than an hour ago: Microsoft asks clients not to ask more often.'
      : result.contacted === 'version'
        ? `No newer ranges: version ${result.version ?? 'unknown'} is current.`
        : `Updated to version ${result.version ?? 'unknown'}.`;
  return [what, ...result.notes].join(' ');
}

export const useFirewallStore = create<FirewallState>((set, get) => {
  /** Only the answer for the format chosen last is shown. */
  let latest = 0;
  const load = async (): Promise<void> => {
    const current = ++latest;
    const stale = (): boolean => current !== latest;
    const { format } = get();
    const loaded = await runAction({ label: 'getFirewallRules', place: 'firewall', quiet: stale }, (api) => api.getFirewallRules(format));
    if (loaded.ok && !stale()) set({ rules: loaded.value });
  };
  return {
    format: 'cidr',
    rules: null,
    note: null,
    async open() {
      set({ format: 'cidr', rules: null, note: null });
      await load();
    },
    async setFormat(format) {
      set({ format });
      await load();
    },
    async refresh() {
      set({ note: null });
      const refreshed = await runAction({ label: REFRESH_RANGES, place: 'firewall' }, (api) => api.refreshFirewallRanges());
      if (!refreshed.ok) return;
      set({ note: refreshNote(refreshed.value) });
      await load();
    },
  };
});
