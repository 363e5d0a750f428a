/**
 * Enhanced mail system status codes (RFC 3463, class.subject.detail). Every bounce carries one;
 * when we do not know the exact code, its class and subject still tell a person whether to wait
 * (4.x.x) or to change something (5.x.x), and what kind of thing went wrong.
 */

export type StatusClass = 'success' | 'temporary' | 'permanent';

export interface EnhancedStatus {
  /** "5.7.64" */
  readonly code: string;
  readonly klass: 2 | 4 | 5;
  readonly subject: number;
  readonly detail: number;
}

export interface StatusExplanation {
  readonly statusClass: StatusClass;
  /** What the class means for the sender. */
  readonly classText: string;
  /** The subject's area, e.g. "security or policy". */
  readonly subjectText: string;
  /** The RFC 3463 meaning of this exact code, or null when the code is not one RFC 3463 defines. */
  readonly detailText: string | null;
}

const CLASSES: Readonly<Record<2 | 4 | 5, readonly [StatusClass, string]>> = {
  2: ['success', 'success: the message was delivered or relayed'],
  4: ['temporary', 'temporary failure: the sending server keeps retrying for a while (often a day or two) before it gives up'],
  5: ['permanent', 'permanent failure: the message was not delivered and retrying will not help until something is changed'],
};

const SUBJECTS: readonly string[] = [
  'other or undefined status',
  'addressing (the sender or recipient address)',
  'mailbox (the recipient\'s mailbox)',
  'mail system (the receiving server)',
  'network and routing',
  'mail delivery protocol (the SMTP conversation)',
  'message content or media',
  'security or policy',
];

/** RFC 3463 details, by "subject.detail", described in our own words. */
const DETAILS: Readonly<Record<string, string>> = {
  '0.0': 'no further detail given',
  '1.0': 'a problem with an address',
  '1.1': 'the recipient\'s mailbox does not exist at the destination',
  '1.2': 'the recipient\'s domain or mail system does not exist or cannot take mail',
  '1.3': 'the recipient address is malformed',
  '1.4': 'the recipient address matched more than one mailbox',
  '1.5': 'the recipient address is valid',
  '1.6': 'the mailbox has moved and no forwarding address is known',
  '1.7': 'the sender address is malformed',
  '1.8': 'the sender\'s domain does not exist or cannot take replies',
  '2.0': 'a problem with the recipient\'s mailbox',
  '2.1': 'the mailbox is disabled and not accepting messages',
  '2.2': 'the mailbox is full',
  '2.3': 'the message is larger than the mailbox accepts',
  '2.4': 'a mailing list could not be expanded',
  '3.0': 'a problem with the receiving mail system',
  '3.1': 'the receiving mail system is out of storage',
  '3.2': 'the receiving system is not accepting messages right now',
  '3.3': 'the receiving system does not support a feature the message needs',
  '3.4': 'the message is larger than the system accepts',
  '3.5': 'the receiving system is misconfigured',
  '4.0': 'a network or routing problem',
  '4.1': 'the destination server did not answer',
  '4.2': 'the connection was lost or refused during delivery',
  '4.3': 'a directory (DNS or similar) lookup failed',
  '4.4': 'no route to the destination could be found',
  '4.5': 'the mail system is congested',
  '4.6': 'the message is looping between servers',
  '4.7': 'the message stayed in the queue too long and expired',
  '5.0': 'a problem in the SMTP conversation',
  '5.1': 'the server did not recognise a command',
  '5.2': 'a command had a syntax error',
  '5.3': 'too many recipients in one message',
  '5.4': 'a command had invalid arguments',
  '5.5': 'the servers speak incompatible protocol versions',
  '6.0': 'a problem with the message content',
  '6.1': 'a content type the destination does not support',
  '6.2': 'a conversion was needed but not allowed',
  '6.3': 'a conversion was needed but is not supported',
  '6.4': 'a conversion was done with loss of content',
  '6.5': 'a conversion failed',
  '7.0': 'a security or policy problem',
  '7.1': 'delivery was not authorised: the message was refused by policy',
  '7.2': 'expanding the mailing list was not allowed',
  '7.3': 'a security conversion was needed but is not possible',
  '7.4': 'a security feature the message needs is not supported',
  '7.5': 'a cryptographic operation (signature, encryption, certificate) failed',
  '7.6': 'a cryptographic algorithm is not supported',
  '7.7': 'the message failed an integrity check',
};

/** Reads "5.7.64" (and only codes with class 2, 4 or 5), or null. */
export function parseEnhancedStatus(text: string): EnhancedStatus | null {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (match === null) return null;
  const klass = Number(match[1]) as 2 | 4 | 5;
  return { code: text.trim(), klass, subject: Number(match[2]), detail: Number(match[3]) };
}

export function explainStatus(status: EnhancedStatus): StatusExplanation {
  const [statusClass, classText] = CLASSES[status.klass];
  return {
    statusClass,
    classText,
    subjectText: SUBJECTS[status.subject] ?? `subject ${status.subject}, which RFC 3463 does not define`,
    detailText: DETAILS[`${status.subject}.${status.detail}`] ?? null,
  };
}

/**
 * Every enhanced status code in a text with its position, skipping IP addresses and version
 * numbers ("192.0.2.5", "15.20.7002.26") that look alike.
 */
export function findStatusCodes(text: string): { readonly status: EnhancedStatus; readonly index: number }[] {
  const found: { readonly status: EnhancedStatus; readonly index: number }[] = [];
  for (const match of text.matchAll(/(?<![\w.])([45]\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)/g)) {
    const status = parseEnhancedStatus(match[1] ?? '');
    if (status !== null) found.push({ status, index: match.index });
  }
  return found;
}
