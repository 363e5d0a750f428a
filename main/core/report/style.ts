/**
 * The report's only stylesheet, inlined: the file is opened offline, mailed around and printed, so
 * it loads nothing (no fonts, no images). Statuses always carry a text label, so a black-and-white
 * print reads the same as the screen.
 */
export const REPORT_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0;
  background: #f4f5f7;
  color: #1f2933;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header.cover { background: #ffffff; border: 1px solid #d9dee4; border-radius: 8px; padding: 1.5rem 2rem; }
.eyebrow { margin: 0; color: #52606d; font-size: 0.8rem; letter-spacing: 0.08em; text-transform: uppercase; }
h1 { margin: 0.25rem 0 1rem; font-size: 1.8rem; font-weight: 600; overflow-wrap: anywhere; }
h2 { margin: 0 0 1rem; font-size: 1.3rem; font-weight: 600; border-bottom: 1px solid #d9dee4; padding-bottom: 0.4rem; }
h3 { margin: 1.5rem 0 0.6rem; font-size: 1.05rem; font-weight: 600; }
h4 { margin: 0; font-size: 1rem; font-weight: 600; }
section { background: #ffffff; border: 1px solid #d9dee4; border-radius: 8px; padding: 1.5rem 2rem; margin-top: 1.5rem; }
p { margin: 0.4rem 0; }
.muted { color: #616e7c; }
.verdict { font-size: 1.05rem; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.5rem; margin: 0; }
dl.facts dt { color: #52606d; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav ol { margin: 1rem 0 0; padding-left: 1.2rem; columns: 2; }
nav a { color: #1f4f8a; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid #e4e7eb; overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid #c5ccd3; color: #3e4c59; font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #c5ccd3; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { margin: 0.15rem 0; }
pre {
  margin: 0.3rem 0;
  padding: 0.6rem 0.8rem;
  background: #f5f7fa;
  border: 1px solid #e4e7eb;
  border-radius: 4px;
  font: 0.82rem/1.45 ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.notes { white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.label {
  display: inline-block;
  min-width: 3.6rem;
  padding: 0.05rem 0.45rem;
  border: 1px solid currentColor;
  border-radius: 4px;
  font-size: 0.75rem;
  font-weight: 700;
  letter-spacing: 0.05em;
  text-align: center;
  white-space: nowrap;
  overflow-wrap: normal;
}
.label-pass, .label-done { color: #1d6b3a; background: #e6f4ea; }
.label-warn { color: #8a5a00; background: #fff4d6; }
.label-fail { color: #a61b1b; background: #fde8e8; }
.label-error { color: #7a1f5c; background: #f8e6f1; }
.label-skip, .label-open, .label-not-run { color: #52606d; background: #eef1f4; }
ol.open-items { padding-left: 1.4rem; }
ol.open-items li { margin: 0 0 0.8rem; }
article.result { border: 1px solid #e4e7eb; border-radius: 6px; padding: 0.8rem 1rem; margin: 0 0 1rem; }
article.result header { display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
.advice { border-left: 3px solid #8a5a00; padding-left: 0.6rem; }
.advice p, .advice li, ol.open-items p { white-space: pre-line; }
table.evidence th { width: 28%; color: #3e4c59; font-weight: 500; }
.script { margin-bottom: 2rem; }
footer { margin-top: 1.5rem; color: #616e7c; font-size: 0.85rem; }
.glance { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.6fr); gap: 0.8rem 1.5rem; margin: 0.8rem 0 1.2rem; }
.glance > div { border-top: 3px solid #c5ccd3; padding-top: 0.4rem; min-width: 0; }
.glance h3 { margin: 0 0 0.3rem; }
.glance ul { margin: 0.2rem 0; padding-left: 1.1rem; }
.glance ul.plain { padding-left: 0; }
@media (max-width: 48rem) { .glance { grid-template-columns: 1fr; } }
table.proof td:first-child { width: 5rem; }

/* No paper size: the reader's printer decides (A4 or Letter); the margins and wrapping fit both. */
@page { margin: 16mm 14mm; }
@media print {
  body { background: none; color: #000000; font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  header.cover, section { border: none; border-radius: 0; padding: 0; margin: 0; background: none; }
  section { break-before: page; }
  #summary { break-before: auto; margin-top: 1rem; }
  .glance { grid-template-columns: minmax(0, 1fr) minmax(0, 0.8fr) minmax(0, 1.6fr); }
  .label { min-width: 0; }
  .glance > div, .glance li { break-inside: avoid; }
  nav { display: none; }
  h2, h3, h4 { break-after: avoid; }
  article.result, tr, .script header { break-inside: avoid; }
  thead { display: table-header-group; }
  pre { background: none; border: 1px solid #777777; white-space: pre-wrap; overflow-wrap: anywhere; }
  .label { background: none; color: #000000; border-color: #000000; }
  .muted, dl.facts dt, footer { color: #333333; }
}
`;
