import { describe, expect, it } from 'vitest';
import { escapeHtml, formatDuration, formatTimestamp, textElement } from '../../../../main/core/report/html.js';

describe('report HTML helpers', () => {
  it('escapes the five characters that could start markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(textElement('p', '</p><script>', 'a" onclick="x')).toBe('<p class="a&quot; onclick=&quot;x">&lt;/p&gt;&lt;script&gt;</p>');
  });

  it('shows times in UTC whatever the time zone, and keeps text that is not a time', () => {
    expect(formatTimestamp('2026-11-27T10:00:00.000+02:00')).toBe('2026-11-27 08:00:00 UTC');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });

  it('reads durations in milliseconds or seconds', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(10_000)).toBe('10.0 s');
  });
});
