/** The handover report: one self-contained HTML file, saved through the browser's download. */
import { create } from 'zustand';
import { runAction } from '../../api/actions';
import { saveTextFile } from '../../ui/save-file';

export const EXPORT_REPORT = 'exportReport';

interface ReportState {
  readonly exportReport: (engagementId: string, includeNotes: boolean) => Promise<void>;
}

export const useReportStore = create<ReportState>(() => ({
  async exportReport(engagementId, includeNotes) {
    const report = await runAction(EXPORT_REPORT, (api) => api.exportReport(engagementId, { includeNotes }));
    if (report.ok) saveTextFile(report.value.fileName, report.value.html, 'text/html;charset=utf-8');
  },
}));
