import { afterAll, describe, expect, it } from 'vitest';
import { engagementReport } from '../../../main/app/report.js';
import { createTestApp } from '../../lab/app-handlers.js';

const app = createTestApp();
afterAll(() => {
  app.cleanup();
});

describe('engagementReport', () => {
  it('names the file after the engagement and the day, and renders the whole report', () => {
    const engagement = app.repository.create({ name: 'Contoso — Zürich HQ', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' });
    const report = engagementReport(engagement, { appVersion: '1.2.3', now: new Date('2026-03-04T05:06:07Z'), includeNotes: false });
    expect(report.fileName).toBe('mailflow-handover-contoso-z-rich-hq-2026-03-04.html');
    expect(report.html).toMatch(/^<!doctype html>/i);
    expect(report.html).toContain('Contoso — Zürich HQ');
    // No notes at all: nothing was withheld, so the report does not say so.
    expect(report.html).not.toContain('internal, not included');
    const unnamed = engagementReport({ ...engagement, name: '***' }, { appVersion: '1.2.3', now: new Date('2026-03-04T05:06:07Z'), includeNotes: false });
    expect(unnamed.fileName).toBe('mailflow-handover-engagement-2026-03-04.html');
  });

  it('keeps the consultant’s internal notes out unless asked to include them', () => {
    const engagement = app.repository.create({ name: 'Northwind', domains: [], smartHosts: [], serverKind: 'postfix', testAddresses: [], notes: 'Landlord runs the firewall; CFO is difficult.' });
    const options = { appVersion: '1.2.3', now: new Date('2026-03-04T05:06:07Z') };
    const without = engagementReport(engagement, { ...options, includeNotes: false }).html;
    expect(without).not.toContain('CFO is difficult');
    expect(without).toContain('internal, not included');
    expect(engagementReport(engagement, { ...options, includeNotes: true }).html).toContain('Landlord runs the firewall; CFO is difficult.');
  });
});
