/** The handover report of an engagement as one HTML file, named after the engagement and the day. */
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import { renderEngagementReport } from '../core/report/from-engagement.js';

import type { HandoverOptions } from '../core/report/from-engagement.js';

export function engagementReport(engagement: Engagement, options: HandoverOptions): { readonly fileName: string; readonly html: string } {
  const slug = engagement.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'engagement';
  return {
    fileName: `mailflow-handover-${slug}-${options.now.toISOString().slice(0, 10)}.html`,
    html: renderEngagementReport(engagement, options),
  };
}
