import { describe, it, expect } from 'vitest';
import { explainStatus, findStatusCodes, parseEnhancedStatus } from '../../../../main/core/ndr/enhanced-status.js';

describe('enhanced status codes (RFC 3463)', () => {
  it('parses class.subject.detail', () => {
    expect(parseEnhancedStatus('5.7.64')).toEqual({ code: '5.7.64', klass: 5, subject: 7, detail: 64 });
    expect(parseEnhancedStatus('3.1.1')).toBeNull();
    expect(parseEnhancedStatus('5.7')).toBeNull();
  });

  it('explains the class and subject of any code, and the detail of defined ones', () => {
    const full = explainStatus({ code: '5.1.1', klass: 5, subject: 1, detail: 1 });
    expect(full.statusClass).toBe('permanent');
    expect(full.subjectText).toContain('addressing');
    expect(full.detailText).toContain('does not exist');
    const unknown = explainStatus({ code: '4.3.99', klass: 4, subject: 3, detail: 99 });
    expect(unknown.statusClass).toBe('temporary');
    expect(unknown.classText).toContain('keeps retrying');
    expect(unknown.subjectText).toContain('mail system');
    expect(unknown.detailText).toBeNull();
    expect(explainStatus({ code: '5.9.1', klass: 5, subject: 9, detail: 1 }).subjectText).toContain('does not define');
  });

  it('finds codes in text but not inside IP addresses or version numbers', () => {
    const found = findStatusCodes("550 5.7.64 TenantAttribution [192.0.2.5] id 15.20.7002.26 v4.4.1x 4.4.0; 5.4.316.");
    expect(found.map((f) => f.status.code)).toEqual(['5.7.64', '4.4.0', '5.4.316']);
    expect(found[0]?.index).toBe(4);
    expect(findStatusCodes('mail from 5.6.7.8 and 2.0.0 OK')).toEqual([]);
  });
});
