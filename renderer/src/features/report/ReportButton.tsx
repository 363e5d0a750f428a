import { useState } from 'react';
import type { Engagement } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { EXPORT_REPORT, useReportStore } from './report-store';

/** Saves the handover report (one self-contained HTML file) for the customer; the internal notes only when ticked. */
export function ReportButton({ engagement }: { engagement: Engagement }) {
  const exportReport = useReportStore((state) => state.exportReport);
  const busy = useBusy(EXPORT_REPORT);
  const [includeNotes, setIncludeNotes] = useState(false);
  return (
    <div className="report-export">
      <button type="button" className="button" disabled={busy} onClick={() => void exportReport(engagement.id, includeNotes)}>
        {busy ? 'Preparing…' : 'Export handover report'}
      </button>
      {engagement.notes.trim() !== '' && (
        <label className="small">
          <input type="checkbox" checked={includeNotes} onChange={(event) => setIncludeNotes(event.target.checked)} /> Include my internal notes
        </label>
      )}
    </div>
  );
}
