import { describe, expect, it } from 'vitest';
import { bannerCheck } from '../../../../../main/core/checks/smtp/banner.js';
import { startBlackHoleServer, startFixedGreetingServer, startGarbageServer } from '../../../../lab/smtp-scenarios.js';
import { HOST, outcomeOf, runAll, statuses, UNREACHED, useSmtpLab } from './lab.js';

describe('smtp.banner', () => {
  const lab = useSmtpLab();
  it('has its stable id, step and dependency', () => {
    expect([bannerCheck.id, bannerCheck.step, bannerCheck.perDomain, bannerCheck.dependsOn]).toEqual(['smtp.banner', 'prerequisites', false, ['smtp.connect']]);
  });

  it('silent server: connected, but no greeting', async () => {
    const server = await lab.serve(startBlackHoleServer({ host: HOST }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.connect': 'warn', 'smtp.banner': 'fail', 'smtp.ehlo': UNREACHED });
    expect(outcomeOf(outcomes, 'smtp.banner').summary).toMatch(/^No greeting from .*: no complete greeting within \d+ ms\.$/);
  });

  it.each([
    ['554 5.7.1 Client host rejected', 'will not talk to this client’s address'],
    ['421 4.3.2 Too many connections', '“not now”'],
  ])('greeting %s is a failed banner with its own advice', async (greeting, advice) => {
    const server = await lab.serve(startFixedGreetingServer(greeting, { host: HOST }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.connect': 'warn', 'smtp.banner': 'fail' });
    expect(outcomeOf(outcomes, 'smtp.banner').summary).toContain(greeting);
    expect(outcomeOf(outcomes, 'smtp.banner').advice?.text).toContain(advice);
  });

  it('a service that does not speak SMTP', async () => {
    const server = await lab.serve(startGarbageServer({ host: HOST }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(outcomeOf(outcomes, 'smtp.banner').status).toBe('fail');
    expect(outcomeOf(outcomes, 'smtp.banner').summary).toContain('is not speaking SMTP');
  });
});
