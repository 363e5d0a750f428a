import { describe, expect, it } from 'vitest';
import { checklist } from '../../../../preload/contract';
import { itemProofText } from '../../../../renderer/src/features/checklist/item-proof-text';

const item = (id: string) => {
  const found = checklist.flatMap((step) => step.items).find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
};
const pass = { status: 'pass' as const, text: 'Office 365 connected to mail.contoso.test on port 25 from the Internet.' };

describe('what an item’s proof says', () => {
  it('never calls port 25 open to Office 365 proved by this computer’s connection alone', () => {
    expect(itemProofText(item('pre.port-25'), 'proved', true, [], null)).toBe(
      'This computer reached the server, which supports it; only Office 365’s own validation proves port 25 is open to it from the Internet: validate the connector and import the output in Part 1.',
    );
    expect(itemProofText(item('pre.port-25'), 'unchecked', false, [], null)).toMatch(/^This computer has not reached the server yet; only Office 365’s own validation proves/);
    expect(itemProofText(item('pre.port-25'), 'proved', true, [pass], null)).toBe('Office 365’s validation above proves it; this computer’s checks support it. Tick it when you are satisfied.');
    expect(itemProofText(item('pre.port-25'), 'failing', true, [], null)).toBe('A check fails: fix it, run the checks again, then tick it.');
    // Other items are proved by this computer's checks as before.
    expect(itemProofText(item('pre.tls-certificate'), 'proved', true, [], null)).toBe('The checks prove it. Tick it when you are satisfied.');
  });
});
