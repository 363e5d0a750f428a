/** What each check is (from the core's registry), loaded once: the report order comes from here. */
import { create } from 'zustand';
import type { CheckInfo } from '../../../../preload/contract';
import { runAction } from '../../api/actions';

interface CheckCatalogState {
  readonly checks: readonly CheckInfo[];
  readonly load: () => Promise<void>;
}

export const useCheckCatalogStore = create<CheckCatalogState>((set) => ({
  checks: [],
  async load() {
    const checks = await runAction('listChecks', (api) => api.listChecks());
    if (checks.ok) set({ checks: checks.value });
  },
}));

/** Position of a check in report order; unknown ids (or before the catalog is loaded) go last. */
export function orderOf(checks: readonly CheckInfo[]): (id: string) => number {
  const positions = new Map(checks.map((check, index) => [check.id, index]));
  return (id) => positions.get(id) ?? checks.length;
}

/** The report order as a function of the id, for sorting results. */
export function useCheckOrder(): (id: string) => number {
  return orderOf(useCheckCatalogStore((state) => state.checks));
}
