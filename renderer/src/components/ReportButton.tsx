import { useState } from 'react';
import type { Engagement } from '../../../preload/contract';
import { saveTextFile } from '../save-file';
import { useAppStore } from '../stores/app';

/** Saves the handover report (one self-contained HTML file) for the customer. */
export function ReportButton({ engagement }: { engagement: Engagement }) {
  const { api, showError } = useAppStore();
  const [busy, setBusy] = useState(false);
  const exportReport = async (): Promise<void> => {
    if (api === null) return;
    setBusy(true);
    try {
      const report = await api.exportReport(engagement.id);
      saveTextFile(report.fileName, report.html, 'text/html;charset=utf-8');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" disabled={busy} onClick={() => void exportReport()}>
      {busy ? 'Preparing…' : 'Export handover report'}
    </button>
  );
}
