import type { ChecklistItem, TestItemProof } from '../../../../preload/contract';
import type { ProofState } from '../checks/proof';
import type { OfficeProofLine } from '../imports/office-proof';

/**
 * Items that only Office 365 can prove, because it connects from the Internet: this computer's
 * connection is shown as supporting evidence, never as the proof.
 */
export const OUTSIDE_IN_ITEMS: ReadonlySet<string> = new Set(['pre.port-25']);

const withStop = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** What the item's checks say, in one line, from the same verdict the diagram draws. */
export function itemProofText(item: ChecklistItem, proof: ProofState, hasResults: boolean, officeProof: readonly OfficeProofLine[], testProof: TestItemProof | null): string {
  if (testProof !== null && testProof.state === 'failing') return `The latest test shows a problem: ${withStop(testProof.reason)} Fix it, then test again.`;
  if (testProof !== null && testProof.state === 'proved') return 'The delivered message’s headers above prove it. Tick it when you are satisfied.';
  if (testProof !== null && officeProof.some((line) => line.status === 'pass') && !officeProof.some((line) => line.status === 'fail')) {
    return 'Office 365’s message trace above shows it was delivered; paste the delivered message’s headers to prove the way it went.';
  }
  if (testProof !== null) return officeProof.some((line) => line.status === 'fail') ? 'Office 365’s message trace above shows a problem: fix it, then test again.' : testProof.reason;
  if (item.checks.length === 0) {
    if (officeProof.some((line) => line.status === 'fail')) return 'Office 365’s proof shows a problem: fix it, then tick it.';
    if (officeProof.length > 0 && officeProof.every((line) => line.status === 'pass')) return 'Office 365’s proof above shows it. Tick it when you are satisfied.';
    return 'Confirm by hand: no check can prove this from here.';
  }
  // Office 365's own answer outweighs this computer's: a failed validation is never "proved".
  if (officeProof.some((line) => line.status === 'fail')) return 'Office 365’s validation fails: fix what it names, then tick it.';
  const officeProves = officeProof.length > 0 && officeProof.every((line) => line.status === 'pass');
  if (OUTSIDE_IN_ITEMS.has(item.id) && officeProves && proof !== 'failing') {
    return 'Office 365’s validation above proves it; this computer’s checks support it. Tick it when you are satisfied.';
  }
  if (OUTSIDE_IN_ITEMS.has(item.id) && !officeProves && proof !== 'failing') {
    const here = proof === 'proved' ? 'This computer reached the server, which supports it' : 'This computer has not reached the server yet';
    return `${here}; only Office 365’s own validation proves port 25 is open to it from the Internet: validate the connector and import the output in Part 1.`;
  }
  if (proof === 'unchecked' && officeProof.length > 0 && officeProof.every((line) => line.status === 'pass')) {
    return 'Office 365’s proof above shows it; this computer’s checks have not proved it yet. Tick it when you are satisfied.';
  }
  if (proof === 'failing') return 'A check fails: fix it, run the checks again, then tick it.';
  if (proof === 'proved') return 'The checks prove it. Tick it when you are satisfied.';
  return hasResults ? 'Not proved yet: some checks have not passed or not run. Run the checks, then tick it.' : 'Run the checks to prove it, then tick it.';
}
