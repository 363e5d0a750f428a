import { describe, expect, it } from 'vitest';
import { comment, describe as describeParameters, inlineCall, nameParameter, splattedCall } from '../../../../main/core/scripts/powershell.js';

describe('splattedCall', () => {
  it('aligns one parameter per line and passes the target outside the hashtable', () => {
    const lines = splattedCall('connector', 'New-OutboundConnector', { name: 'Name', value: "'A'", explanation: 'x.' }, [
      { name: 'UseMXRecord', value: '$false', explanation: 'y.' },
      { name: 'SmartHosts', value: "@('h.contoso.com')", explanation: 'z.' },
    ]);
    expect(lines).toEqual([
      '$connector = @{',
      '    UseMXRecord = $false',
      "    SmartHosts  = @('h.contoso.com')",
      '}',
      "New-OutboundConnector -Name 'A' @connector",
    ]);
  });
});

describe('inlineCall and describe', () => {
  it('writes a one-line call and names each parameter with its cmdlet', () => {
    const parameters = [{ name: 'Identity', value: "'A'", explanation: 'The connector.' }];
    expect(inlineCall('Validate-OutboundConnector', parameters)).toBe("Validate-OutboundConnector -Identity 'A'");
    expect(describeParameters('Validate-OutboundConnector', parameters)).toEqual([
      { name: 'Validate-OutboundConnector -Identity', explanation: 'The connector.' },
    ]);
  });
});

describe('nameParameter', () => {
  it('names new objects and identifies existing ones', () => {
    expect(nameParameter('new', "Bob's", 'connector')).toMatchObject({ name: 'Name', value: "'Bob''s'" });
    expect(nameParameter('edit', 'X', 'connector')).toMatchObject({ name: 'Identity', value: "'X'" });
  });
});

describe('comment', () => {
  it('keeps a comment on one line', () => {
    expect(comment('a\nRemove-Item x')).toBe('# a Remove-Item x');
  });
});
