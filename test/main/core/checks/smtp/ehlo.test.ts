import { describe, expect, it } from 'vitest';
import { ehloCheck } from '../../../../../main/core/checks/smtp/ehlo.js';
import { startFixedGreetingServer } from '../../../../lab/smtp-scenarios.js';
import { HOST, outcomeOf, runAll, statuses, UNREACHED, useSmtpLab } from './lab.js';

describe('smtp.ehlo', () => {
  const lab = useSmtpLab();
  it('has its stable id, step and dependency', () => {
    expect([ehloCheck.id, ehloCheck.step, ehloCheck.perDomain, ehloCheck.dependsOn]).toEqual(['smtp.ehlo', 'prerequisites', false, ['smtp.banner']]);
  });

  it('EHLO refused', async () => {
    const server = await lab.serve(startFixedGreetingServer('220 old.test SMTP', { host: HOST }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.banner': 'pass', 'smtp.ehlo': 'fail', 'smtp.starttls': UNREACHED });
    expect(outcomeOf(outcomes, 'smtp.ehlo').advice?.text).toContain('ESMTP');
  });
});
