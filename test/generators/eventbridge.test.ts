import { describe, expect, it } from 'vitest';
import { eventbridgeArbitrary } from '../../src/arbitraries.ts';
import { ContractViolationError, type EventbridgeEvent, eventbridgeEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: EventbridgeEvent): void {
  expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  for (const resource of event.resources) {
    const [, , , region, account] = resource.split(':');
    if (region !== '') expect(region).toBe(event.region);
    if (account !== '') expect(account).toBe(event.account);
  }
  if (event.source === 'aws.ec2' && typeof event.detail['instance-id'] === 'string') {
    expect(event.resources).toStrictEqual([
      `arn:aws:ec2:${event.region}:${event.account}:instance/${String(event.detail['instance-id'])}`,
    ]);
  }
}

runEventContract<EventbridgeEvent>({
  id: 'eventbridge',
  build: eventbridgeEvent as never,
  arbitrary: eventbridgeArbitrary as never,
  override: {
    value: { 'detail-type': 'Order Placed', detail: { orderId: 'o-1' } },
    check: (event) => {
      expect(event['detail-type']).toBe('Order Placed');
      expect(event.detail).toStrictEqual({ orderId: 'o-1' });
    },
  },
  derived,
  requiredPath: ['detail-type'],
  breaks: {
    'resources-in-scope': (event) => {
      event.resources = [
        `arn:aws:ec2:${event.region === 'af-south-1' ? 'eu-west-3' : 'af-south-1'}:${event.account}:instance/i-0123456789abcdef0`,
      ];
    },
  },
});

const strictRules = (event: unknown) =>
  validate('eventbridge', event, { strict: true }).errors.map((e) => e.rule ?? e.path);

describe('eventbridge aws-service variants', () => {
  it('sends an S3 Object Created event with the global bucket ARN as resource', () => {
    const event = eventbridgeEvent(undefined, { variant: 's3-object-created' });
    expect([event.source, event['detail-type']]).toStrictEqual(['aws.s3', 'Object Created']);
    const detail = event.detail as { bucket: { name: string }; object: { key: string } };
    expect(event.resources).toStrictEqual([`arn:aws:s3:::${detail.bucket.name}`]);
    expect(strictRules(event)).toStrictEqual([]);
  });

  it('sends an API call recorded by CloudTrail, in the event account', () => {
    const event = eventbridgeEvent(undefined, { variant: 'api-call-via-cloudtrail' });
    expect(event['detail-type']).toBe('AWS API Call via CloudTrail');
    expect(event.detail).toMatchObject({ eventType: 'AwsApiCall', recipientAccountId: event.account });
  });

  it('sends a Step Functions status change whose execution is the resource', () => {
    const event = eventbridgeEvent(undefined, { variant: 'step-functions-status-change' });
    expect(event.source).toBe('aws.states');
    expect(event.resources).toStrictEqual([event.detail.executionArn]);
    const moved = structuredClone(event);
    moved.account = '111122223333';
    expect(strictRules(moved)).toStrictEqual(['resources-in-scope']);
  });

  it('admits non-ARN resources of AWS samples in shape only', () => {
    const event = eventbridgeEvent({ resources: ['some_additional'] }, { validate: 'shape' });
    expect(validate('eventbridge', event).valid).toBe(true);
    expect(validate('eventbridge', event, { strict: true }).valid).toBe(false);
  });
});

describe('eventbridgeEvent', () => {
  it('replaces the generated detail with an overridden one instead of merging it', () => {
    expect(eventbridgeEvent({ detail: {} }).detail).toStrictEqual({});
    expect(() => eventbridgeEvent({ detail: 'text' as never })).toThrow(ContractViolationError);
  });

  it('moves resource ARNs with an overridden region and account, but keeps explicit resources', () => {
    const event = eventbridgeEvent({ region: 'eu-west-3', account: '111122223333' }, { variant: 'aws-service' });
    expect(event.resources[0]).toMatch(/^arn:aws:ec2:eu-west-3:111122223333:instance\/i-[0-9a-f]{17}$/);
    const explicit = eventbridgeEvent(
      { region: 'eu-west-3', resources: ['arn:aws:ec2:us-east-1:1:x'] },
      { validate: 'shape' },
    );
    expect(explicit.resources).toStrictEqual(['arn:aws:ec2:us-east-1:1:x']);
  });

  it('keeps the instance ARN on the instance named by an overridden detail', () => {
    const event = eventbridgeEvent(
      { detail: { 'instance-id': 'i-0123456789abcdef0', state: 'running' } },
      { variant: 'aws-service' },
    );
    expect(event.resources[0]).toMatch(/:instance\/i-0123456789abcdef0$/);
  });

  it('builds an EC2 state-change notification for the aws-service variant', () => {
    const event = eventbridgeEvent(undefined, { variant: 'aws-service' });
    expect(event.source).toBe('aws.ec2');
    expect(event['detail-type']).toBe('EC2 Instance State-change Notification');
    expect(event.detail.state).toMatch(/^(pending|running|stopping|stopped|shutting-down|terminated)$/);
    expect(eventbridgeEvent().source).toMatch(/^com\.[a-z]+\.[a-z]+$/);
  });

  it('stamps time without milliseconds, and rejects a time with them', () => {
    expect(eventbridgeEvent().time).toMatch(/:\d\dZ$/);
    expect(() => eventbridgeEvent({ time: '2026-01-15T12:00:00.000Z' })).toThrow(/time/);
  });

  it('requires version "0"', () => {
    expect(eventbridgeEvent().version).toBe('0');
    expect(() => eventbridgeEvent({ version: '1' as never })).toThrow(ContractViolationError);
  });
});
