import { describe, expect, it } from 'vitest';
import { vpcLatticeArbitrary } from '../../src/arbitraries.ts';
import { type VpcLatticeEvent, type VpcLatticeV2Event, validate, vpcLatticeEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ID = 'vpc-lattice';

function derived(event: VpcLatticeEvent): void {
  for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
  if ('version' in event) {
    const region = event.requestContext.region;
    for (const arn of [event.requestContext.serviceArn, event.requestContext.targetGroupArn])
      expect(arn.split(':')[3]).toBe(region);
    expect(event.requestContext.timeEpoch).toMatch(/^\d{16}$/);
    if (event.isBase64Encoded) expect(Buffer.from(event.body, 'base64').toString('base64')).toBe(event.body);
  } else if (event.is_base64_encoded) expect(Buffer.from(event.body, 'base64').toString('base64')).toBe(event.body);
}

runEventContract<VpcLatticeEvent>({
  id: ID,
  build: vpcLatticeEvent as never,
  arbitrary: vpcLatticeArbitrary as never,
  override: {
    value: { body: { sku: 'A-1' } },
    check: (event) => expect(JSON.parse(event.body)).toStrictEqual({ sku: 'A-1' }),
  },
  derived,
  requiredPath: ['method'],
  breaks: {
    'arns-in-region': (event) => {
      (event as VpcLatticeV2Event).requestContext.region = 'ap-south-9';
    },
    'iam-identity': (event) => {
      const identity = (event as VpcLatticeV2Event).requestContext.identity;
      identity.type = identity.type === 'AWS_IAM' ? 'NONE' : 'AWS_IAM';
    },
    'base64-body': (event) => {
      (event as VpcLatticeV2Event).isBase64Encoded = true;
      event.body = 'not base64!';
    },
  },
});

describe('vpcLatticeEvent', () => {
  it('builds structure 2.0 with list-valued lower-case headers and the service network context', () => {
    const event = vpcLatticeEvent();
    expect(event.version).toBe('2.0');
    expect(event.headers.host?.[0]).toMatch(/\.vpc-lattice-svcs\.[a-z0-9-]+\.on\.aws$/);
    expect(event.headers.host?.[0]).toContain(event.requestContext.serviceArn.split('/')[1]);
    expect(event.requestContext.serviceNetworkArn).toMatch(/:servicenetwork\/sn-[0-9a-f]{17}$/);
  });

  it('builds structure 1.0 with snake_case keys and single values', () => {
    const event = vpcLatticeEvent({ body: new Uint8Array([1, 2]) }, { variant: 'v1' });
    expect(event).toMatchObject({ body: 'AQI=', is_base64_encoded: true });
    expect(typeof event.headers.host).toBe('string');
    expect('requestContext' in event).toBe(false);
  });

  it('accepts the list headers in strict and string headers (Powertools samples) only in shape', () => {
    const event = vpcLatticeEvent();
    const strings = { ...event, headers: { host: 'x' } };
    expect(validate(ID, strings).valid).toBe(true);
    expect(validate(ID, strings, { strict: true }).valid).toBe(false);
  });

  it('accepts a target answer with statusCode and rejects one with a numeric header value', () => {
    expect(
      validate(
        ID,
        {
          statusCode: 200,
          statusDescription: '200 OK',
          headers: { 'content-type': 'text/plain' },
          body: 'ok',
          isBase64Encoded: false,
        },
        { response: true },
      ).valid,
    ).toBe(true);
    expect(validate(ID, { statusCode: 200, headers: { 'content-length': 2 } }, { response: true }).valid).toBe(false);
    expect(validate(ID, { body: 'ok' }, { response: true }).valid).toBe(false);
  });
});
