/** The handover report: one self-contained HTML file, saved through the browser's download. */
import { create } from 'zustand';
import { runAction } from '../../api/actions';
import { saveTextFile } from '../../ui/save-file';

export const EXPORT_REPORT = 'exportReport';

interface ReportState {
  readonly exportReport: (engagementId: string) => Promise<void>;
}

export const useReportStore = create<ReportState>(() => ({
  async exportReport(engagementId) {
    const report = await runAction(EXPORT_REPORT, (api) => api.exportReport(engagementId));
    if (report.ok) saveTextFile(report.value.fileName, report.value.html, 'text/html;charset=utf-8');
  },
}));
