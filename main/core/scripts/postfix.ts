import { shString } from './quote.js';
import type { GeneratedScript, ScriptParameter, ValidatedScriptInputs } from './types.js';

/** One main.cf setting; values come from validated inputs (LDH names, plain absolute paths) or constants. */
interface PostfixSetting {
  readonly name: string;
  readonly value: string;
  readonly explanation: string;
}

interface SettingGroup {
  readonly heading: string;
  readonly settings: readonly PostfixSetting[];
}

/**
 * The Postfix side: relay everything through the tenant's Office 365 MX host over verified TLS
 * (Part 2) and offer a CA-signed certificate to Office 365 when it delivers to you (Part 1). Given
 * both as a shell script of `postconf -e` lines and as a main.cf fragment for hand editing.
 */
export function postfixScripts(inputs: ValidatedScriptInputs): readonly GeneratedScript[] {
  const files = inputs.postfix;
  if (files === null) throw new Error('The Postfix settings are missing; validate the inputs with serverKind postfix before generating.');
  const groups = settingGroups(inputs, files);
  const parameters: ScriptParameter[] = groups.flatMap((group) =>
    group.settings.map((setting) => ({ name: setting.name, explanation: setting.explanation })),
  );
  const what = `Postfix settings for mail flow with Office 365 (${inputs.domains.join(', ')})`;

  const script = [
    '#!/bin/sh',
    `# Mailflow Assistant: ${what}.`,
    '# Run as root on the Postfix server. main.cf and postconf -n are saved first, in new timestamped files.',
    'set -eu',
    '',
    '# Stop before changing anything if a certificate, key or CA file is missing.',
    `for file in ${[files.certFile, files.keyFile, files.caFile].map(shString).join(' ')}; do`,
    '    if [ ! -r "$file" ]; then echo "Cannot read $file: install it or change the path, then run this again." >&2; exit 1; fi',
    'done',
    '',
    'config_dir=$(postconf -h config_directory)',
    '# A new backup per run: a second run never overwrites the first one.',
    'stamp=$(date +%Y%m%d-%H%M%S)',
    'backup="$config_dir/main.cf.before-mailflow-$stamp"',
    'n=1',
    'while [ -e "$backup" ] || [ -e "$backup.postconf-n" ]; do backup="$config_dir/main.cf.before-mailflow-$stamp-$n"; n=$((n + 1)); done',
    'cp -p "$config_dir/main.cf" "$backup"',
    'postconf -n > "$backup.postconf-n"',
    'echo "Current settings saved in $backup and $backup.postconf-n"',
    '',
    ...groups.flatMap((group) => [
      `# ${group.heading}`,
      ...group.settings.map((setting) => `postconf -e ${shString(`${setting.name} = ${setting.value}`)}`),
      '',
    ]),
    '# Check the configuration, then load it without dropping connections.',
    'postfix check',
    'postfix reload',
  ];

  const mainCf = [
    `# Mailflow Assistant: ${what}.`,
    '# Add to /etc/postfix/main.cf (replace existing lines with the same names), then run: postfix check && postfix reload',
    '',
    ...groups.flatMap((group) => [`# ${group.heading}`, ...group.settings.map((setting) => `${setting.name} = ${setting.value}`), '']),
  ];

  return [
    { title: 'Postfix: apply the settings (shell script)', language: 'shell', filename: 'postfix.sh', content: `${script.join('\n')}\n`, parameters },
    {
      title: 'Postfix: the same settings as a main.cf fragment',
      language: 'postfix-main.cf',
      filename: 'postfix-main.cf',
      content: `${mainCf.join('\n').trimEnd()}\n`,
      parameters,
    },
  ];
}

function settingGroups(inputs: ValidatedScriptInputs, files: NonNullable<ValidatedScriptInputs['postfix']>): SettingGroup[] {
  const { certFile, keyFile, caFile, tlsLevel } = files;
  const outbound: PostfixSetting[] = [
    {
      name: 'relayhost',
      value: `[${inputs.tenantMx}]:25`,
      explanation: 'Send all outbound mail to your tenant\u2019s Office 365 MX host; the brackets skip the MX lookup.',
    },
    {
      name: 'smtp_tls_security_level',
      value: tlsLevel,
      explanation:
        tlsLevel === 'secure'
          ? 'secure: always use TLS and check that Office 365\u2019s certificate is trusted and names the relay host.'
          : 'verify: always use TLS and check that Office 365\u2019s certificate is trusted and names the MX host.',
    },
    { name: 'smtp_tls_CAfile', value: caFile, explanation: 'The trusted root certificates used to check Office 365\u2019s certificate.' },
    {
      name: 'smtp_tls_mandatory_protocols',
      value: '!SSLv2, !SSLv3, !TLSv1, !TLSv1.1',
      explanation: 'TLS 1.2 or newer only, as Office 365 requires; this exclusion form works on every Postfix version (">=TLSv1.2" needs 3.6).',
    },
    { name: 'smtp_tls_loglevel', value: '1', explanation: 'Log a summary of each outgoing TLS connection, for troubleshooting.' },
  ];
  if (inputs.inboundBy === 'certificate') {
    outbound.push(
      {
        name: 'smtp_tls_cert_file',
        value: certFile,
        explanation: 'The certificate Postfix presents to Office 365, which recognises your server by it (inbound connector).',
      },
      { name: 'smtp_tls_key_file', value: keyFile, explanation: 'The private key of that certificate (readable by root only).' },
    );
  }
  const inbound: PostfixSetting[] = [
    {
      name: 'smtpd_tls_cert_file',
      value: certFile,
      explanation: 'The CA-signed certificate (with its intermediates) Postfix offers when Office 365 delivers to you.',
    },
    { name: 'smtpd_tls_key_file', value: keyFile, explanation: 'The private key of that certificate (readable by root only).' },
    {
      name: 'smtpd_tls_security_level',
      value: 'may',
      explanation: 'Offer STARTTLS to every sender without requiring it (required TLS on port 25 would refuse other mail).',
    },
    { name: 'smtpd_tls_loglevel', value: '1', explanation: 'Log a summary of each incoming TLS connection, for troubleshooting.' },
    {
      name: 'smtpd_tls_received_header',
      value: 'yes',
      explanation: 'Record the TLS protocol and cipher in the Received header, so you can prove mail arrived encrypted.',
    },
  ];
  return [
    { heading: 'Part 2: relay all outbound mail through Office 365 over verified TLS.', settings: outbound },
    { heading: 'Part 1: offer your certificate when Office 365 delivers mail to this server.', settings: inbound },
  ];
}
