import { describe, expect, it } from 'vitest';
import { cloudformationCustomResourceArbitrary } from '../../src/arbitraries.ts';
import {
  type CloudFormationCustomResourceEvent,
  cloudformationCustomResourceEvent,
  validate,
} from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: CloudFormationCustomResourceEvent): void {
  const region = event.StackId.split(':')[3] as string;
  expect(event.ResourceProperties.ServiceToken).toBe(event.ServiceToken);
  expect(event.ServiceToken?.split(':')[3]).toBe(region);
  expect(event.ResponseURL).toContain(`cloudformation-custom-resource-response-${region.replace(/-/g, '')}.`);
  expect(event.PhysicalResourceId === undefined).toBe(event.RequestType === 'Create');
  expect(event.OldResourceProperties === undefined).toBe(event.RequestType !== 'Update');
}

runEventContract<CloudFormationCustomResourceEvent>({
  id: 'cloudformation-custom-resource',
  build: cloudformationCustomResourceEvent as never,
  arbitrary: cloudformationCustomResourceArbitrary as never,
  override: {
    value: { ResourceProperties: { TableName: 'orders' } },
    check: (event) => expect(event.ResourceProperties.TableName).toBe('orders'),
  },
  derived,
  requiredPath: ['ResponseURL'],
  breaks: {
    'physical-id-after-create': (event) => {
      event.PhysicalResourceId = 'created-too-early';
    },
    'old-properties-on-update': (event) => {
      event.OldResourceProperties = { ...event.ResourceProperties };
    },
    'service-token-echoed': (event) => {
      event.ResourceProperties.ServiceToken = 'arn:aws:lambda:us-east-1:123456789012:function:other';
    },
    'stack-region': (event) => {
      event.ResponseURL = event.ResponseURL.replace(/response-[a-z0-9]+\./, 'response-apsouth9.');
    },
  },
});

describe('cloudformationCustomResourceEvent', () => {
  it('gives a pre-signed S3 URL whose key is the stack, resource and request', () => {
    const event = cloudformationCustomResourceEvent();
    const url = new URL(event.ResponseURL);
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(
      `${event.StackId}|${event.LogicalResourceId}|${event.RequestId}`,
    );
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes every scalar property as a string, as CloudFormation does, and rejects a number', () => {
    const event = cloudformationCustomResourceEvent();
    expect(event.ResourceProperties.Retries).toMatch(/^\d$/);
    const numeric = { ...event, ResourceProperties: { ...event.ResourceProperties, Retries: 3 } };
    expect(validate('cloudformation-custom-resource', numeric).errors.map((e) => e.path)).toContain(
      'ResourceProperties.Retries',
    );
  });

  it('requires the service token in the properties in strict only (AWS documentation samples omit it)', () => {
    const { ServiceToken: _, ...properties } = cloudformationCustomResourceEvent().ResourceProperties;
    const event = { ...cloudformationCustomResourceEvent(), ResourceProperties: properties };
    expect(validate('cloudformation-custom-resource', event).valid).toBe(true);
    expect(validate('cloudformation-custom-resource', event, { strict: true }).valid).toBe(false);
  });

  it('follows an overridden stack with its response URL', () => {
    const stack = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/s/6c58973f-fccd-4f4a-bccb-3ff14d3ec348';
    const token = 'arn:aws:lambda:eu-west-1:123456789012:function:provider';
    const event = cloudformationCustomResourceEvent({ StackId: stack, ServiceToken: token });
    expect(event.ResponseURL).toMatch(/^https:\/\/cloudformation-custom-resource-response-euwest1\.s3\.eu-west-1\./);
    expect(decodeURIComponent(new URL(event.ResponseURL).pathname)).toContain(stack);
  });

  it('moves the service token into the properties when it is overridden, unless they name their own', () => {
    const token = 'arn:aws:lambda:us-east-1:123456789012:function:provider';
    const stack = 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/6c58973f-fccd-4f4a-bccb-3ff14d3ec348';
    const event = cloudformationCustomResourceEvent({ ServiceToken: token, StackId: stack }, { variant: 'Update' });
    expect(event.ResourceProperties.ServiceToken).toBe(token);
    expect(event.OldResourceProperties.ServiceToken).toBe(token);
  });

  it('reports a physical id on Create with the rule that names it', () => {
    const event = { ...cloudformationCustomResourceEvent(), PhysicalResourceId: 'x' };
    expect(validate('cloudformation-custom-resource', event, { strict: true }).errors).toStrictEqual([
      {
        path: 'PhysicalResourceId',
        expected: 'no PhysicalResourceId on a Create request',
        received: '"x"',
        message: 'expected no PhysicalResourceId on a Create request, received "x"',
        rule: 'physical-id-after-create',
      },
    ]);
  });
});
