import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { callApi, retryDelayMs } from '../../../../main/core/m365/api-request.js';
import type { ApiCall } from '../../../../main/core/m365/api-request.js';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../../main/core/m365/http.js';

const SECRET_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret';

function scripted(responses: HttpResponse[]): { transport: HttpTransport; seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    transport: (request) => {
      seen.push(request);
      const next = responses.shift();
      return next === undefined ? Promise.reject(new Error('no more scripted answers')) : Promise.resolve(next);
    },
  };
}

const call: ApiCall<{ readonly value: readonly string[] }> = {
  method: 'GET',
  url: 'https://graph.microsoft.com/v1.0/domains',
  schema: z.object({ value: z.array(z.string()) }),
  what: "the tenant's domains",
  permissionAdvice: 'Grant Domain.Read.All.',
};

const ok = (body: unknown): HttpResponse => ({ status: 200, headers: {}, body: JSON.stringify(body) });

describe('callApi', () => {
  it('sends the bearer token and returns the validated body', async () => {
    const { transport, seen } = scripted([ok({ value: ['contoso.test'] })]);
    await expect(callApi({ transport, getToken: () => Promise.resolve(SECRET_TOKEN) }, call)).resolves.toEqual({ value: ['contoso.test'] });
    expect(seen[0]?.headers['authorization']).toBe(`Bearer ${SECRET_TOKEN}`);
  });

  it('posts JSON bodies with a content type', async () => {
    const { transport, seen } = scripted([ok({ value: [] })]);
    await callApi({ transport, getToken: () => Promise.resolve('t') }, { ...call, method: 'POST', body: { a: 1 } });
    expect(seen[0]?.body).toBe('{"a":1}');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('honours Retry-After given as an HTTP date, and backs off exponentially without one', async () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const slept: number[] = [];
    const { transport } = scripted([
      { status: 429, headers: { 'retry-after': 'Fri, 27 Nov 2026 10:00:05 GMT' }, body: '' },
      { status: 503, headers: {}, body: '' },
      ok({ value: [] }),
    ]);
    await callApi({ transport, getToken: () => Promise.resolve('t'), now: () => now, sleep: (ms) => { slept.push(ms); return Promise.resolve(); } }, call);
    expect(slept).toEqual([5000, 4000]);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const slept: number[] = [];
    const { transport } = scripted([{ status: 429, headers: { 'retry-after': '3600' }, body: '' }]);
    const failure = callApi({ transport, getToken: () => Promise.resolve('t'), sleep: (ms) => { slept.push(ms); return Promise.resolve(); } }, call);
    await expect(failure).rejects.toMatchObject({ kind: 'throttled', detail: { status: 429 } });
    expect(slept).toEqual([]);
  });

  it('asks to sign in again on 401 and never repeats the token in a message', async () => {
    const { transport } = scripted([{ status: 401, headers: {}, body: JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed.' } }) }]);
    const failure: unknown = await callApi({ transport, getToken: () => Promise.resolve(SECRET_TOKEN) }, call).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'sign-in-required', detail: { status: 401, code: 'InvalidAuthenticationToken' } });
    expect((failure as Error).message).not.toContain(SECRET_TOKEN);
  });

  it('names the status and the service code of other refusals', async () => {
    const { transport } = scripted([{ status: 500, headers: {}, body: JSON.stringify({ error: { code: 'UnknownError', message: 'Oops.' } }) }]);
    await expect(callApi({ transport, getToken: () => Promise.resolve('t') }, call)).rejects.toMatchObject({ kind: 'service', message: expect.stringContaining('HTTP 500 UnknownError') as unknown });
  });

  it('reports an answer of the wrong shape as malformed, with where', async () => {
    const { transport } = scripted([ok({ value: [1] })]);
    await expect(callApi({ transport, getToken: () => Promise.resolve('t') }, call)).rejects.toMatchObject({ kind: 'malformed', message: expect.stringContaining('at value.0') as unknown });
  });
});

describe('retryDelayMs', () => {
  it('reads seconds, dates, and falls back to 2^attempt seconds', () => {
    expect(retryDelayMs('12', 1, 0)).toBe(12_000);
    expect(retryDelayMs('Thu, 01 Jan 1970 00:00:10 GMT', 1, 4000)).toBe(6000);
    expect(retryDelayMs('Thu, 01 Jan 1970 00:00:01 GMT', 1, 4000)).toBe(0);
    expect(retryDelayMs(undefined, 3, 0)).toBe(8000);
    expect(retryDelayMs('soon', 1, 0)).toBe(2000);
  });
});
