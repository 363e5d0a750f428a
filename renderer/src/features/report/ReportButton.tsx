import type { Engagement } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { EXPORT_REPORT, useReportStore } from './report-store';

/** Saves the handover report (one self-contained HTML file) for the customer. */
export function ReportButton({ engagement }: { engagement: Engagement }) {
  const exportReport = useReportStore((state) => state.exportReport);
  const busy = useBusy(EXPORT_REPORT);
  return (
    <button type="button" className="button" disabled={busy} onClick={() => void exportReport(engagement.id)}>
      {busy ? 'Preparing…' : 'Export handover report'}
    </button>
  );
}
