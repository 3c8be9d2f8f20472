import { describe, expect, it } from 'vitest';
import { cloudfrontArbitrary } from '../../src/arbitraries.ts';
import { type CloudFrontEdgeEvent, cloudfrontEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ID = 'cloudfront';

function derived(event: CloudFrontEdgeEvent): void {
  expect(event.Records).toHaveLength(1);
  const { config, request, response } = event.Records[0]?.cf ?? ({} as never);
  for (const [name, lines] of Object.entries(request.headers))
    for (const line of lines) expect(line.key.toLowerCase()).toBe(name);
  for (const [name, lines] of Object.entries(response?.headers ?? {}))
    for (const line of lines) expect(line.key.toLowerCase()).toBe(name);
  expect(response !== undefined).toBe(config.eventType.endsWith('-response'));
  expect(request.origin !== undefined).toBe(config.eventType === 'origin-request');
  expect(config.distributionDomainName).toMatch(/\.cloudfront\.net$/);
}

runEventContract<CloudFrontEdgeEvent>({
  id: ID,
  build: cloudfrontEvent as never,
  arbitrary: cloudfrontArbitrary as never,
  override: {
    value: { Records: [{ cf: { request: { uri: '/index.html' } } }] },
    check: (event) => expect(event.Records[0]?.cf.request.uri).toBe('/index.html'),
  },
  derived,
  requiredPath: ['Records', 0, 'cf', 'request', 'uri'],
  breaks: {
    'header-map-keys': (event) => {
      const line = event.Records[0]?.cf.request.headers['user-agent']?.[0];
      if (line) line.key = 'Accept';
    },
    'event-type-matches-shape': (event) => {
      const cf = event.Records[0]?.cf;
      if (cf) cf.response = { status: '200', statusDescription: 'OK', headers: {} };
    },
  },
});

describe('cloudfrontEvent', () => {
  it('keeps the header name as sent in key and lower-cases the map key', () => {
    const headers = cloudfrontEvent().Records[0]?.cf.request.headers ?? {};
    expect(headers['user-agent']?.[0]?.key).toBe('User-Agent');
    expect(headers.host?.[0]).toStrictEqual({
      key: 'Host',
      value: cloudfrontEvent().Records[0]?.cf.config.distributionDomainName,
    });
  });

  it('gives origin-request the origin and the origin host, and response events the response with a string status', () => {
    const origin = cloudfrontEvent(undefined, { variant: 'origin-request' }).Records[0]?.cf;
    const domain = origin?.request.origin as { s3?: { domainName: string }; custom?: { domainName: string } };
    expect(origin?.request.headers.host?.[0]?.value).toBe((domain.s3 ?? domain.custom)?.domainName);
    const response = cloudfrontEvent(undefined, { variant: 'origin-response' }).Records[0]?.cf;
    expect(response?.config.eventType).toBe('origin-response');
    expect(response?.response?.status).toBe('200');
  });

  it('rejects an upper-case header map key and a viewer-request with a response', () => {
    const event = cloudfrontEvent();
    const cf = event.Records[0]?.cf as never as { request: { headers: Record<string, unknown> } };
    cf.request.headers.Accept = [{ key: 'Accept', value: '*/*' }];
    expect(validate(ID, event).valid).toBe(true);
    expect(validate(ID, event, { strict: true }).valid).toBe(false);
    const withResponse = cloudfrontEvent();
    const record = withResponse.Records[0]?.cf as { response?: unknown };
    record.response = { status: '200', statusDescription: 'OK', headers: {} };
    expect(validate(ID, withResponse, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'event-type-matches-shape',
    ]);
  });

  it('accepts a modified request and a generated response, and rejects a numeric status or an oversized body', () => {
    const request = cloudfrontEvent().Records[0]?.cf.request;
    const ok = (v: unknown) => validate(ID, v, { response: true });
    expect(ok({ ...request, uri: '/index.html' }).errors).toStrictEqual([]);
    const generated = {
      status: '302',
      statusDescription: 'Found',
      headers: { location: [{ key: 'Location', value: 'https://example.com/' }] },
    };
    expect(ok(generated).errors).toStrictEqual([]);
    expect(ok({ ...generated, status: 302 }).valid).toBe(false);
    expect(ok({ ...generated, headers: { Location: [{ key: 'Location', value: '/' }] } }).valid).toBe(false);
    expect(
      ok({ ...generated, headers: { location: [{ key: 'Content-Type', value: '/' }] } }).errors.map((e) => e.rule),
    ).toContain('result-header-keys');
    expect(ok({ status: '200', body: 'x'.repeat(1024 * 1024 + 1) }).errors.map((e) => e.rule)).toContain(
      'generated-body-size',
    );
    expect(ok({ status: '200', body: 'x'.repeat(40 * 1024) }).valid).toBe(true);
  });
});
