import { describe, expect, it } from 'vitest';
import { renderHandoverReport } from '../../../../main/core/report/handover.js';
import type { HandoverInput } from '../../../../main/core/report/types.js';
import { sampleInput, sampleResults, sampleScript } from '../../../fixtures/report/handover-input.js';

const GOLDEN = '../../../fixtures/report/handover.html';

/** Every start tag with its attributes, as a browser would see them (text is escaped, so `<` only starts markup). */
function tags(html: string): { readonly name: string; readonly attributes: ReadonlyMap<string, string> }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g)].map((match) => ({
    name: (match[1] ?? '').toLowerCase(),
    attributes: new Map([...(match[2] ?? '').matchAll(/([a-zA-Z-]+)\s*=\s*"([^"]*)"/g)].map((attribute) => [(attribute[1] ?? '').toLowerCase(), attribute[2] ?? ''])),
  }));
}

function styleSheets(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
}

/** The text of the section with this id. */
function section(html: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (match === null) throw new Error(`no section ${id}`);
  return match[1] ?? '';
}

const HOSTILE = `<script>alert("x")</script></style><img src="https://evil.example/x.png" onerror='alert(1)'>&amp;`;

const hostileInput: HandoverInput = {
  ...sampleInput,
  title: HOSTILE,
  source: HOSTILE,
  appVersion: HOSTILE,
  answers: {
    ...sampleInput.answers,
    domains: [HOSTILE],
    smartHosts: [HOSTILE],
    testAddresses: [HOSTILE],
    notes: `Note: ${HOSTILE}\nbackground: url(https://evil.example/track)`,
    checkSettings: { ...sampleInput.answers.checkSettings, dnsServer: HOSTILE, tenantMx: HOSTILE, firewallAllow: { source: HOSTILE, lines: [HOSTILE] }, caFiles: [HOSTILE] },
    certificate: { fileName: HOSTILE, at: HOSTILE, report: { [HOSTILE]: HOSTILE } },
  },
  imports: {
    inventory: [{ side: 'postfix', readAt: '2026-11-26T14:00:00.000Z', source: HOSTILE, importedAt: '2026-11-26T14:10:00.000Z', fileName: HOSTILE, contents: [HOSTILE], document: {} }],
    officeProof: {
      validation: { importedAt: '2026-11-27T09:00:00.000Z', fileName: HOSTILE, stages: [{ smartHost: HOSTILE, stage: null, status: 'fail', detail: HOSTILE, fix: HOSTILE }], connectors: [{ name: HOSTILE, isValidated: null, lastValidationTimestamp: null, validationRecipients: [], smartHosts: [] }] },
      trace: { importedAt: '2026-11-27T09:30:00.000Z', fileName: HOSTILE, entries: [{ recipient: HOSTILE, sender: HOSTILE, subject: HOSTILE, status: HOSTILE, received: null, delivered: false, events: [] }] },
    },
    testEvidence: [{ id: HOSTILE, at: '2026-11-27T10:00:00.000Z', kind: 'headers', item: 'test.inbound', status: 'pass', summary: HOSTILE, subject: HOSTILE, messageId: HOSTILE, path: [HOSTILE] }],
  },
  results: sampleResults.map((result) => ({
    ...result,
    title: HOSTILE,
    target: HOSTILE,
    summary: HOSTILE,
    advice: { text: HOSTILE, fixes: [{ kind: 'command', place: 'dns', command: HOSTILE }] },
    ranAt: HOSTILE,
    evidence: { [HOSTILE]: HOSTILE, transcript: [HOSTILE, `S: 250 ${HOSTILE}`], nested: { deeper: [HOSTILE] }, multiline: `${HOSTILE}\n${HOSTILE}` },
  })),
  scripts: {
    kind: 'generated',
    notes: [HOSTILE],
    scripts: [{ ...sampleScript, title: HOSTILE, filename: HOSTILE, content: HOSTILE, parameters: [{ name: HOSTILE, explanation: HOSTILE }] }],
  },
};

describe('renderHandoverReport', () => {
  it('renders the sample engagement as the golden file', async () => {
    await expect(renderHandoverReport(sampleInput)).toMatchFileSnapshot(GOLDEN);
  });

  it('gives the same document for the same input', () => {
    expect(renderHandoverReport(sampleInput)).toBe(renderHandoverReport(structuredClone(sampleInput)));
  });

  it('is a complete document with a summary table of the counts by status and step', () => {
    const html = renderHandoverReport(sampleInput);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const summary = section(html, 'summary');
    expect(summary).toContain('Not ready: 2 checks failed or errored, 1 warning.');
    expect(summary).toContain('<tr><td>Part 1: Office 365 to your server</td><td class="number">0 / 3</td><td class="number">1</td><td class="number">0</td><td class="number">1</td>');
    expect(summary).toContain('<tr class="total"><td>All steps</td><td class="number">2 / 14</td><td class="number">2</td><td class="number">1</td><td class="number">1</td><td class="number">1</td><td class="number">1</td></tr>');
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="results"'));
  });

  it('shows every result with its evidence, time and advice, grouped by step', () => {
    const results = section(renderHandoverReport(sampleInput), 'results');
    expect(results.match(/<article class="result">/g)).toHaveLength(sampleResults.length);
    expect(results.indexOf('<h3>Prerequisites</h3>')).toBeLessThan(results.indexOf('<h3>Part 1: Office 365 to your server</h3>'));
    expect(results).not.toContain('<h3>Test</h3>');
    expect(results).toContain('<pre class="transcript">+0ms -- connected to 192.0.2.25:25\n+9ms S: 220 mail.contoso.test ESMTP Postfix\n');
    expect(results).toContain('<th scope="row">capabilities</th><td>PIPELINING, SIZE 52428800, STARTTLS</td>');
    expect(results).toContain('<pre class="json">{\n  &quot;protocol&quot;: &quot;TLSv1.3&quot;,');
    expect(results).toContain('<strong>What to do:</strong> Change the MX record of contoso.test');
    expect(results).toContain('<li>In the DNS zone: contoso.test. IN MX 0 contoso-test.mail.protection.outlook.com.</li><li>Change Check settings: Tenant’s Office 365 MX host.</li>');
    expect(results).toContain('Ran 2026-11-27 09:15:12 UTC, took 10.0 s.');
  });

  it('keeps the lines of a multi-line advice (an MTA-STS policy file), as the app does', () => {
    const [first] = sampleResults;
    if (first === undefined) throw new Error('no sample result');
    const policy = 'version: STSv1\nmode: testing\nmx: *.mail.protection.outlook.com\nmax_age: 86400';
    const html = renderHandoverReport({ ...sampleInput, results: [{ ...first, advice: { text: `Serve this policy:\n${policy}`, fixes: [{ kind: 'command', place: 'web-server', command: policy }] } }] });
    expect(section(html, 'results')).toContain(`<strong>What to do:</strong> Serve this policy:\n${policy}</p>`);
    expect(styleSheets(html).join('')).toContain('.advice p, .advice li, ol.open-items p { white-space: pre-line; }');
  });

  it('lists the open items: failed, errored and warned checks and the checklist items not done, with what to do', () => {
    const open = section(renderHandoverReport(sampleInput), 'open-items');
    expect(open).toContain('<h2>Open items (15)</h2>');
    expect(open).toContain('<span class="label label-fail">FAIL</span> <strong>MX points to Office 365</strong> — contoso.test');
    expect(open).toContain('<span class="label label-error">ERROR</span> <strong>Office 365 reachable on port 25</strong>');
    expect(open).toContain('Renew the certificate now and bind the new one to SMTP.');
    expect(open).toContain('<code>pre.eop-ranges</code>');
    expect(open).not.toContain('<code>pre.port-25</code>');
    expect(open).not.toContain('fabrikam.test');
    expect(open).not.toContain('firewall.eop-ranges');
  });

  it('includes the answers, the checklist state and the scripts', () => {
    const html = renderHandoverReport(sampleInput);
    expect(section(html, 'answers')).toContain('<div class="notes">Server room behind reception.\nAsk Dana for the firewall.</div>');
    expect(section(html, 'checklist')).toContain('<span class="label label-done">DONE</span><br><span class="muted">2026-11-26 15:05:00 UTC</span>');
    const scripts = section(html, 'scripts');
    expect(scripts).toContain('<code>exchange-online.ps1</code>');
    expect(scripts).toContain('New-OutboundConnector -Name &#39;Office 365 to on-premises mail server&#39;');
    expect(scripts).toContain('<td><code>New-OutboundConnector -SmartHosts</code></td><td>Your server(s) that Office 365 delivers to.</td>');
  });

  it('says why there are no scripts, naming each answer to fix', () => {
    const html = renderHandoverReport({
      ...sampleInput,
      scripts: { kind: 'not-generated', reason: 'The scripts could not be generated.', issues: [{ field: 'smartHosts[0]', message: '"-x" is not a host name' }] },
    });
    const scripts = section(html, 'scripts');
    expect(scripts).toContain('<p>The scripts could not be generated.</p>');
    expect(scripts).toContain('<td>Smart hosts</td><td>&quot;-x&quot; is not a host name</td>');
  });

  it('reports without checklist progress for the command line', () => {
    const html = renderHandoverReport({ ...sampleInput, progress: null });
    expect(section(html, 'open-items')).toContain('<h2>Open items (3)</h2>');
    expect(section(html, 'summary')).toContain('The command line keeps no checklist progress');
    expect(section(html, 'checklist')).not.toContain('label-open');
  });

  it('says so when nothing was run and nothing is open', () => {
    const done = Object.fromEntries(
      ['pre.internet-mail', 'pre.tls-certificate', 'pre.receive-connector', 'pre.external-name', 'pre.port-25', 'pre.eop-ranges', 'pre.test-addresses', 'p1.configure-office365', 'p1.outbound-connector', 'p1.mx-change', 'p2.inbound-connector', 'p2.relay', 'test.outbound', 'test.inbound'].map(
        (id) => [id, { done: true, at: '2026-11-27T09:00:00.000Z' }],
      ),
    );
    const html = renderHandoverReport({ ...sampleInput, progress: done, results: [] });
    expect(section(html, 'summary')).toContain('No checks have been run yet. Nothing is open.');
    expect(section(html, 'results')).toContain('No checks have been run yet.');
    expect(section(html, 'open-items')).toContain('<h2>Open items (0)</h2>');
  });

  it('escapes every piece of input text', () => {
    const html = renderHandoverReport(hostileInput);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain("onerror='");
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/style&gt;&lt;img src=&quot;https://evil.example/x.png&quot; onerror=&#39;alert(1)&#39;&gt;&amp;amp;');
    expect(tags(html).map((tag) => tag.name)).not.toContain('img');
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('loads nothing from anywhere: no script, no remote or embedded resource, a CSP that forbids them', () => {
    for (const html of [renderHandoverReport(sampleInput), renderHandoverReport(hostileInput)]) {
      const all = tags(html);
      const names = new Set(all.map((tag) => tag.name));
      for (const forbidden of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'base', 'form']) expect(names).not.toContain(forbidden);
      for (const tag of all) {
        expect(tag.attributes.has('src')).toBe(false);
        expect(tag.attributes.has('srcset')).toBe(false);
        expect(tag.attributes.has('style')).toBe(false);
        expect([...tag.attributes.keys()].filter((name) => name.startsWith('on'))).toEqual([]);
        const href = tag.attributes.get('href');
        if (href !== undefined) expect(href).toMatch(/^#[a-z-]+$/);
      }
      for (const css of styleSheets(html)) {
        expect(css).not.toMatch(/url\s*\(/i);
        expect(css).not.toMatch(/@import|@font-face|https?:/i);
      }
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    }
  });

  it('has a print stylesheet: page breaks between sections, wrapped code, statuses as text', () => {
    const html = renderHandoverReport(sampleInput);
    const css = styleSheets(html).join('\n');
    const print = /@media print \{([\s\S]*)\}\s*$/.exec(css)?.[1] ?? '';
    expect(print).toContain('section { break-before: page; }');
    expect(css).toContain('@page { margin: 16mm 14mm; }');
    expect(css).not.toMatch(/@page \{[^}]*size:/);
    expect(print).toMatch(/pre \{[^}]*white-space: pre-wrap/);
    expect(print).toMatch(/\.label \{[^}]*background: none/);
    for (const text of ['PASS', 'WARN', 'FAIL', 'ERROR', 'SKIP', 'DONE', 'OPEN']) expect(html).toContain(`">${text}</span>`);
  });

  it('opens with one summary of what is proved, what is open and who must act, before any table', () => {
    const html = renderHandoverReport(sampleInput);
    const summary = /<section id="summary">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    const glance = /<div class="glance">([\s\S]*?)\n<\/div>/.exec(summary)?.[1] ?? '';
    expect(summary.indexOf('class="glance"')).toBeLessThan(summary.indexOf('<table'));
    expect(glance).toContain('Send from an Internet mailbox to your server <span class="muted">(the delivered message’s headers)</span>');
    expect(glance).toContain('Failing or could not finish: 3');
    expect(glance).toMatch(/<strong>Office 365 administrator<\/strong>: 4 open, 1 failing — Configure Office 365;/);
    expect(glance).toMatch(/<strong>DNS administrator<\/strong>: 2 open, 1 failing — MX points to Office 365/);
    expect(glance).toMatch(/<strong>Consultant<\/strong>: 4 open, 1 failing/);
    expect(glance).not.toContain('Send from your server to an Internet mailbox <span');
    // This computer's connection passed, but Office 365's validation shows no Resolve stage: port 25 is not proved.
    expect(glance).not.toContain('Port 25 is open on your firewall <span');
    const reached = renderHandoverReport({
      ...sampleInput,
      imports: sampleInput.imports === null ? null : { ...sampleInput.imports, officeProof: { ...sampleInput.imports.officeProof, validation: { importedAt: '2026-11-27T09:00:00.000Z', fileName: null, connectors: [], stages: [
        { smartHost: 'mail.contoso.test', stage: 'Resolve', status: 'pass', detail: '', fix: null },
        { smartHost: 'mail.contoso.test', stage: 'Connection', status: 'pass', detail: '', fix: null },
      ] } } },
    });
    expect(reached).toContain('Port 25 is open on your firewall <span class="muted">(Office 365’s own validation)</span>');
  });

  it('shows the mail flow the Test step proved, each way, with the imported message trace beside it', () => {
    const html = renderHandoverReport(sampleInput);
    const section = /<section id="mail-flow">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(section).toContain('<h3><span class="label label-fail">FAIL</span> Send from your server to an Internet mailbox (your server → the Internet)</h3>');
    expect(section).toContain('Fix: Set-InboundConnector &quot;On-premises mail server to Office 365&quot; -SenderIPAddresses 198.51.100.20');
    expect(section).toContain('<h3><span class="label label-pass">PASS</span> Send from an Internet mailbox to your server (the Internet → your server)</h3>');
    expect(section).toContain('[outbound connector: Office 365 → your server]');
    expect(section).toContain('friend@example.net → admin@contoso.test: Delivered');
    expect(section).toContain('1 of 2 stages passed');
    expect(renderHandoverReport({ ...sampleInput, imports: null })).not.toContain('id="mail-flow"');
    // The failed Test item is an open failure with what its evidence says.
    expect(html).toMatch(/FAIL<\/span> <strong>Send from your server to an Internet mailbox<\/strong>[^]*?<p>Bounced for judy@example\.net \(5\.7\.64\)/);
  });
});
