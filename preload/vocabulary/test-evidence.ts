/**
 * What the Test step proved, kept on the engagement: each test message sent (the server's answer
 * and the transcript, never a credential), each header analysis and each decoded bounce, attached
 * to the Test item it is about. Which item is read from the addresses: from one of the engagement's
 * domains to outside is your server → the Internet (test.outbound); from outside to one of its
 * domains is the Internet → your server (test.inbound). DOM-free; the renderer, the report and the
 * core read the same rules.
 */
import { z } from 'zod';

export const TEST_ITEMS = ['test.outbound', 'test.inbound'] as const;
export type TestItemId = (typeof TEST_ITEMS)[number];

export const isTestItem = (id: string): id is TestItemId => (TEST_ITEMS as readonly string[]).includes(id);

/** How many pieces of evidence an engagement keeps; the oldest go first. */
export const TEST_EVIDENCE_LIMIT = 30;

export const TEST_EVIDENCE_STATUSES = ['pass', 'warn', 'fail'] as const;

const common = {
  id: z.string().min(1).max(100),
  at: z.iso.datetime(),
  item: z.enum(TEST_ITEMS),
  status: z.enum(TEST_EVIDENCE_STATUSES),
  /** One sentence: what it shows. */
  summary: z.string().max(2000),
};

export const testEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('message'),
    server: z.string().max(300),
    from: z.string().max(320),
    to: z.array(z.string().max(320)).max(10),
    serverResponse: z.string().max(2000).nullable(),
    /** "C: …" and "S: …" lines, as the sender recorded them (AUTH lines already blanked). */
    /** The recorder keeps at most 200 lines and a line saying it was cut. */
    transcript: z.array(z.string().max(1100)).max(201),
  }),
  z.object({
    ...common,
    kind: z.literal('headers'),
    subject: z.string().max(1000).nullable(),
    messageId: z.string().max(1000).nullable(),
    /** The hops, oldest first, each "from → by", the connector hops named. */
    path: z.array(z.string().max(700)).max(60),
  }),
  z.object({
    ...common,
    kind: z.literal('bounce'),
    recipients: z.array(z.string().max(320)).max(50),
    code: z.string().max(20).nullable(),
    fix: z.string().max(2000).nullable(),
  }),
]);

export type TestEvidence = z.infer<typeof testEvidenceSchema>;
export type TestEvidenceKind = TestEvidence['kind'];

/** Whether a piece of evidence was kept, and for which item, or why not. */
export type EvidenceKept = { readonly item: TestItemId; readonly id: string } | { readonly item: null; readonly reason: string };

export const TEST_ITEM_DIRECTION: Readonly<Record<TestItemId, string>> = {
  'test.outbound': 'your server → the Internet',
  'test.inbound': 'the Internet → your server',
};

/** The address in "Name <user@example.com>" or "user@example.com", lower-cased; null when there is none. */
export function mailAddress(value: string | null): string | null {
  if (value === null) return null;
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const bare = angled?.[1] ?? /[^\s<>"',;]+@[^\s<>"',;]+/.exec(value)?.[0];
  return bare === undefined ? null : bare.toLowerCase();
}

/** Whether an address is in one of the domains (or a subdomain of one); null when it is no address. */
export function isOurAddress(value: string | null, domains: readonly string[]): boolean | null {
  const address = mailAddress(value);
  if (address === null) return null;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return domains.some((ours) => domain === ours.toLowerCase() || domain.endsWith(`.${ours.toLowerCase()}`));
}

/** The Test item a message from `from` to `to` proves, or why it proves neither. */
export function testItemFor(from: string | null, to: readonly (string | null)[], domains: readonly string[]): { readonly item: TestItemId } | { readonly item: null; readonly reason: string } {
  const sender = isOurAddress(from, domains);
  const recipients = to.map((address) => isOurAddress(address, domains)).filter((ours): ours is boolean => ours !== null);
  if (domains.length === 0) return { item: null, reason: 'Add your domains in Details first: they decide which way a message went.' };
  if (sender === null || recipients.length === 0) return { item: null, reason: 'It names no sender or no recipient address, so it cannot show which way mail went.' };
  if (sender && recipients.every((ours) => !ours)) return { item: 'test.outbound' };
  if (!sender && recipients.every((ours) => ours)) return { item: 'test.inbound' };
  if (sender) return { item: null, reason: `It goes from one of your domains to ${recipients.every((ours) => ours) ? 'your own domains' : 'a mix of inside and outside addresses'}, so it proves neither way: send from your server to an outside mailbox.` };
  return { item: null, reason: 'It goes from outside to a mix of inside and outside addresses: send from an outside mailbox to one of your domains only.' };
}

/** proved: the delivered message's headers show the path; failing: the latest decisive evidence failed; unchecked: nothing decisive yet. */
export interface TestItemProof {
  readonly state: 'proved' | 'failing' | 'unchecked';
  /** The item's evidence, newest first. */
  readonly evidence: readonly TestEvidence[];
  /** One sentence on why. */
  readonly reason: string;
}

/**
 * What the Test step's evidence proves about one Test item. Only a delivered message's headers
 * prove arrival; a bounce, a refused send or headers showing the wrong path outweigh earlier
 * evidence until newer headers pass. A send the server accepted is supporting evidence only.
 */
export function testItemProof(all: readonly TestEvidence[], item: TestItemId): TestItemProof {
  const evidence = all.filter((entry) => entry.item === item).sort((a, b) => b.at.localeCompare(a.at));
  const decisive = evidence.find((entry) => entry.status === 'fail' || (entry.kind === 'headers' && entry.status === 'pass'));
  if (decisive === undefined) {
    const sent = evidence.find((entry) => entry.kind === 'message');
    return {
      state: 'unchecked',
      evidence,
      reason:
        sent === undefined
          ? `Nothing proves ${TEST_ITEM_DIRECTION[item]} yet: send a test message, then paste the delivered message's headers.`
          : 'A test message was sent; paste the headers of the delivered message to prove it arrived the right way.',
    };
  }
  if (decisive.status === 'fail') return { state: 'failing', evidence, reason: decisive.summary };
  return { state: 'proved', evidence, reason: decisive.summary };
}
