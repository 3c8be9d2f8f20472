import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudwatchAlarmArbitrary } from '../../src/arbitraries.ts';
import { type CloudWatchAlarmEvent, cloudwatchAlarmEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: CloudWatchAlarmEvent): void {
  expect(event.alarmArn).toBe(
    `arn:aws:cloudwatch:${event.region}:${event.accountId}:alarm:${event.alarmData.alarmName}`,
  );
  expect(event.time).toBe(event.alarmData.state.timestamp);
  for (const state of [event.alarmData.state, event.alarmData.previousState])
    expect(() => JSON.parse(state.reasonData as string)).not.toThrow();
  expect(Date.parse(event.alarmData.previousState.timestamp)).toBeLessThanOrEqual(Date.parse(event.time));
}

runEventContract<CloudWatchAlarmEvent>({
  id: 'cloudwatch-alarm',
  build: cloudwatchAlarmEvent as never,
  arbitrary: cloudwatchAlarmArbitrary as never,
  override: {
    value: { alarmData: { alarmName: 'orders-errors' } },
    check: (event) => {
      expect(event.alarmData.alarmName).toBe('orders-errors');
      expect(event.alarmArn.endsWith(':alarm:orders-errors')).toBe(true);
    },
  },
  derived,
  requiredPath: ['alarmData', 'alarmName'],
  breaks: {
    'alarm-arn-in-scope': (event) => {
      event.region = event.region === 'eu-north-1' ? 'us-east-1' : 'eu-north-1';
    },
    'alarm-arn-names-alarm': (event) => {
      event.alarmData.alarmName = 'another-alarm';
    },
    'reason-data-json': (event) => {
      event.alarmData.previousState.reasonData = '{"version":"1.0",';
    },
    'time-of-state-change': (event) => {
      event.time = event.alarmData.previousState.timestamp;
    },
  },
});

const sample = (file: string): CloudWatchAlarmEvent =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'aws', 'cloudwatch-alarm', file), 'utf8'));

describe('cloudwatchAlarmEvent', () => {
  it('gives a metric alarm metric queries and a composite alarm a rule over its children', () => {
    const metric = cloudwatchAlarmEvent();
    expect(metric.alarmData.configuration.metrics.length).toBeGreaterThan(0);
    expect(metric.alarmData.configuration).not.toHaveProperty('alarmRule');
    const composite = cloudwatchAlarmEvent(undefined, { variant: 'composite' });
    expect(composite.alarmData.configuration.alarmRule).toMatch(/^ALARM\(.+\) OR ALARM\(.+\)$/);
    expect(composite.alarmData.configuration).not.toHaveProperty('metrics');
    expect(composite.alarmData.state.reason).toMatch(
      / transitioned to (OK|ALARM) at [A-Z][a-z]+day \d\d [A-Z][a-z]+, \d{4} \d\d:\d\d:\d\d UTC$/,
    );
    const triggering = JSON.parse(composite.alarmData.state.reasonData as string).triggeringAlarms[0];
    expect(triggering.arn).toMatch(new RegExp(`^arn:aws:cloudwatch:${composite.region}:${composite.accountId}:alarm:`));
  });

  it('writes timestamps as CloudWatch does (+0000) and rejects a Z timestamp in strict only', () => {
    const event = cloudwatchAlarmEvent();
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const z = event.time.replace('+0000', 'Z');
    const broken = {
      ...event,
      time: z,
      alarmData: { ...event.alarmData, state: { ...event.alarmData.state, timestamp: z } },
    };
    expect(validate('cloudwatch-alarm', broken).valid).toBe(true);
    expect(
      validate('cloudwatch-alarm', broken, { strict: true })
        .errors.map((e) => e.path)
        .sort(),
    ).toStrictEqual(['alarmData.state.timestamp', 'time']);
  });

  it('puts the threshold data of a metric alarm in reasonData', () => {
    const event = cloudwatchAlarmEvent(undefined, { seed: 1 });
    const data = JSON.parse(event.alarmData.state.reasonData as string);
    expect(data).toMatchObject({ version: '1.0' });
    expect(typeof data.threshold).toBe('number');
    expect(data.evaluatedDatapoints[0].timestamp).toMatch(/\+0000$/);
  });

  it('moves the ARN with an overridden region, account or name, and the time with the state timestamp', () => {
    const event = cloudwatchAlarmEvent({
      region: 'eu-west-1',
      accountId: '123456789012',
      alarmData: { alarmName: 'x', state: { timestamp: '2026-01-15T11:00:00.000+0000' } },
    });
    expect(event.alarmArn).toBe('arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x');
    expect(event.time).toBe('2026-01-15T11:00:00.000+0000');
    expect(validate('cloudwatch-alarm', event, { strict: true }).errors).toEqual([]);
  });

  it('rejects a state value CloudWatch does not have in strict, and accepts it in shape', () => {
    const event = cloudwatchAlarmEvent();
    const broken = { ...event, alarmData: { ...event.alarmData, state: { ...event.alarmData.state, value: 'WARN' } } };
    expect(validate('cloudwatch-alarm', broken).valid).toBe(true);
    expect(validate('cloudwatch-alarm', broken, { strict: true }).valid).toBe(false);
  });

  it('reports an alarm in another account with the rule that names it', () => {
    const event = {
      ...cloudwatchAlarmEvent({ region: 'us-east-1', accountId: '123456789012', alarmData: { alarmName: 'x' } }),
      accountId: '000000000000',
    };
    expect(validate('cloudwatch-alarm', event, { strict: true }).errors).toStrictEqual([
      {
        path: 'alarmArn',
        expected: 'an ARN in account "000000000000" (accountId)',
        received: '"arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"',
        message:
          'expected an ARN in account "000000000000" (accountId), received "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"',
        rule: 'alarm-arn-in-scope',
      },
    ]);
  });

  it('keeps the published samples out of strict where they were edited by hand (ARN of another alarm or account)', () => {
    expect(
      validate('cloudwatch-alarm', sample('composite-powertools.json'), { strict: true }).errors.map((e) => e.rule),
    ).toContain('alarm-arn-names-alarm');
    expect(
      validate('cloudwatch-alarm', sample('metric-powertools.json'), { strict: true }).errors.map((e) => e.rule),
    ).toContain('alarm-arn-in-scope');
  });

  it('puts the arbitrary alarm name into the ARN', () => {
    fc.assert(
      fc.property(cloudwatchAlarmArbitrary({ alarmName: fc.constantFrom('a', 'Test alert') }), (event) => {
        expect(event.alarmArn.endsWith(`:alarm:${event.alarmData.alarmName}`)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
