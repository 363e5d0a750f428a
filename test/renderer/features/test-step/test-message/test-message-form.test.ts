import { describe, expect, it } from 'vitest';
import { formProblem, initialValues, requestOf, withSecurity, type FormValues } from '../../../../../renderer/src/features/test-step/test-message/test-message-form';
import { engagementFixture } from '../../../engagement-fixture';

const valid: FormValues = { server: ' mail.contoso.test ', port: '25', security: 'starttls-required', from: 'it@contoso.test', to: 'a@x.test, b@y.test', username: '' };

describe('the test message form', () => {
  it('opens with the engagement’s smart host, test addresses and STARTTLS on port 25', () => {
    const values = initialValues(engagementFixture({ smartHosts: ['mx1.contoso.test', 'mx2.contoso.test'], testAddresses: ['a@x.test', 'b@y.test'] }));
    expect(values).toEqual({ server: 'mx1.contoso.test', port: '25', security: 'starttls-required', from: '', to: 'a@x.test, b@y.test', username: '' });
  });

  it('moves a default port with the security choice, but never a port a person typed', () => {
    expect(withSecurity(valid, 'implicit-tls').port).toBe('465');
    expect(withSecurity({ ...valid, port: '' }, 'starttls-opportunistic').port).toBe('25');
    expect(withSecurity({ ...valid, port: '2525' }, 'implicit-tls').port).toBe('2525');
  });

  it('names what is plainly wrong, one thing at a time', () => {
    expect(formProblem(valid)).toBeNull();
    expect(formProblem({ ...valid, server: ' ' })).toMatch(/^Enter the server/);
    expect(formProblem({ ...valid, port: '70000' })).toMatch(/^The port is a number from 1 to 65535/);
    expect(formProblem({ ...valid, port: '2.5' })).toMatch(/^The port is a number/);
    expect(formProblem({ ...valid, from: 'nobody' })).toMatch(/^Enter the sender address/);
    expect(formProblem({ ...valid, to: ' , ' })).toBe('Enter at least one recipient (To).');
    expect(formProblem({ ...valid, username: 'relay', security: 'none' })).toMatch(/^A password is never sent unencrypted/);
  });

  it('sends trimmed values, the recipients split, and no empty user name', () => {
    expect(requestOf('e1', valid)).toEqual({ engagementId: 'e1', server: 'mail.contoso.test', port: 25, security: 'starttls-required', from: 'it@contoso.test', to: ['a@x.test', 'b@y.test'] });
    expect(requestOf('e1', { ...valid, username: ' relay ' }).username).toBe('relay');
  });
});
