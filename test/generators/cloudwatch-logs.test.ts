import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudwatchLogsArbitrary } from '../../src/arbitraries.ts';
import {
  type CloudwatchLogsEvent,
  ContractViolationError,
  cloudwatchLogsEvent,
  decodeCloudWatchLogsData,
  validate,
} from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: CloudwatchLogsEvent): void {
  const data = decodeCloudWatchLogsData(event);
  const keys = ['logEvents', 'logGroup', 'logStream', 'messageType', 'owner', 'subscriptionFilters'];
  expect(Object.keys(data).sort()).toStrictEqual(
    (data.policyLevel === undefined ? keys : [...keys, 'policyLevel']).sort(),
  );
  if (data.policyLevel !== undefined)
    expect(['ACCOUNT_LEVEL_POLICY', 'LOG_GROUP_LEVEL_POLICY']).toContain(data.policyLevel);
  expect(data.logEvents.length).toBeGreaterThan(0);
  if (data.messageType === 'CONTROL_MESSAGE') {
    expect(data).toMatchObject({ owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [] });
    return;
  }
  expect(data.messageType).toBe('DATA_MESSAGE');
  expect(data.owner).toMatch(/^\d{12}$/);
  let previous = -1n;
  let time = 0;
  for (const logEvent of data.logEvents) {
    expect(logEvent.id).toMatch(/^\d{56}$/);
    expect(BigInt(logEvent.id) > previous).toBe(true);
    previous = BigInt(logEvent.id);
    expect(logEvent.timestamp).toBeGreaterThanOrEqual(time);
    time = logEvent.timestamp;
    expect(typeof logEvent.message).toBe('string');
  }
}

runEventContract<CloudwatchLogsEvent>({
  id: 'cloudwatch-logs',
  build: cloudwatchLogsEvent as never,
  arbitrary: cloudwatchLogsArbitrary as never,
  override: {
    value: { awslogs: { data: { logGroup: '/aws/lambda/orders', logEvents: [{ message: 'hello' }] } } },
    check: (event) => {
      const data = decodeCloudWatchLogsData(event);
      expect(data.logGroup).toBe('/aws/lambda/orders');
      expect(data.logEvents.map((e) => e.message)).toStrictEqual(['hello']);
    },
  },
  derived,
  requiredPath: ['awslogs', 'data'],
  breaks: {
    'awslogs-data-encoding': (event) => {
      event.awslogs.data = Buffer.from(JSON.stringify(decodeCloudWatchLogsData(event))).toString('base64');
    },
    'awslogs-data-payload': (event) => {
      event.awslogs.data = gzipBase64({ ...decodeCloudWatchLogsData(event), owner: 'CloudwatchLogs!' });
    },
  },
});

const gzipBase64 = (value: unknown) => gzipSync(JSON.stringify(value)).toString('base64');

describe('cloudwatch-logs strict rules', () => {
  const strictErrors = (event: CloudwatchLogsEvent) => validate('cloudwatch-logs', event, { strict: true }).errors;
  const withPayload = (payload: unknown): CloudwatchLogsEvent => ({ awslogs: { data: gzipBase64(payload) } });
  const data = decodeCloudWatchLogsData(cloudwatchLogsEvent(undefined, { seed: 3 }));

  it('accepts data messages, with or without a documented policyLevel, and the control message', () => {
    expect(strictErrors(withPayload(data))).toStrictEqual([]);
    expect(strictErrors(withPayload({ ...data, policyLevel: 'ACCOUNT_LEVEL_POLICY' }))).toStrictEqual([]);
    expect(strictErrors(cloudwatchLogsEvent(undefined, { variant: 'control-message' }))).toStrictEqual([]);
  });

  it('rejects data that is zlib or plain base64 instead of gzip, and shape accepts it', () => {
    const zlib = { awslogs: { data: deflateSync(JSON.stringify(data)).toString('base64') } };
    expect(strictErrors(zlib)).toMatchObject([{ path: 'awslogs.data', rule: 'awslogs-data-encoding' }]);
    expect(validate('cloudwatch-logs', zlib).valid).toBe(true);
    const notJson = { awslogs: { data: gzipSync('not json').toString('base64') } };
    expect(strictErrors(notJson).map((e) => e.rule)).toStrictEqual(['awslogs-data-encoding']);
  });

  it('rejects payloads off the documented shape, naming the inner path', () => {
    const cases: [unknown, string][] = [
      [{ ...data, policyLevel: 'ORG_LEVEL' }, 'policyLevel'],
      [{ ...data, logEvents: [{ ...data.logEvents[0], id: 'eventId1' }] }, 'logEvents[0].id'],
      [{ ...data, logEvents: [{ ...data.logEvents[0], timestamp: 1440442987 }] }, 'logEvents[0].timestamp'],
      [{ ...data, messageType: 'DATA' }, 'messageType'],
    ];
    for (const [payload, inner] of cases) {
      const errors = strictErrors(withPayload(payload));
      expect({ inner, rule: errors[0]?.rule, mentions: errors.some((e) => e.expected.includes(inner)) }).toStrictEqual({
        inner,
        rule: 'awslogs-data-payload',
        mentions: true,
      });
    }
  });

  it('generates policyLevel for account-level filters, and for log-group filters in newer events only', () => {
    expect(decodeCloudWatchLogsData(cloudwatchLogsEvent(undefined, { variant: 'account-policy' })).policyLevel).toBe(
      'ACCOUNT_LEVEL_POLICY',
    );
    const levels = new Set<unknown>();
    for (let seed = 0; seed < 20; seed++)
      levels.add(decodeCloudWatchLogsData(cloudwatchLogsEvent(undefined, { seed })).policyLevel);
    expect([...levels].map(String).sort()).toStrictEqual(['LOG_GROUP_LEVEL_POLICY', 'undefined']);
  });
});

describe('cloudwatchLogsEvent', () => {
  it('keeps derived fields consistent for edge-mode events too (property)', () => {
    fc.assert(
      fc.property(cloudwatchLogsArbitrary({ edge: true }), (event) => {
        derived(event);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('decodes the documented sample', () => {
    const sample = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../fixtures/aws/cloudwatch-logs/services-cloudwatchlogs-docs.json'),
        'utf8',
      ),
    );
    expect(decodeCloudWatchLogsData(sample)).toMatchObject({
      messageType: 'DATA_MESSAGE',
      logGroup: 'testLogGroup',
      logEvents: [{ id: 'eventId1', message: '[ERROR] First test message' }, { id: 'eventId2' }],
    });
  });

  it('completes given log events with increasing ids and timestamps, JSON-encoding non-string messages', () => {
    const event = cloudwatchLogsEvent(
      {
        awslogs: {
          data: { logEvents: [{ message: 'a' }, { message: { level: 'ERROR' } }, {}, { id: '7', timestamp: 5 }] },
        },
      },
      { validate: 'shape' },
    );
    const { logEvents } = decodeCloudWatchLogsData(event);
    expect(logEvents).toHaveLength(4);
    expect(logEvents[1]?.message).toBe('{"level":"ERROR"}');
    expect(BigInt(logEvents[1]!.id) > BigInt(logEvents[0]!.id)).toBe(true);
    expect(logEvents[2]?.message.length).toBeGreaterThan(0);
    expect(logEvents[3]).toMatchObject({ id: '7', timestamp: 5 });
  });

  it('keeps the default payload fields a decoded override leaves out', () => {
    const plain = decodeCloudWatchLogsData(cloudwatchLogsEvent());
    const event = decodeCloudWatchLogsData(cloudwatchLogsEvent({ awslogs: { data: { owner: '111122223333' } } }));
    expect(event).toStrictEqual({ ...plain, owner: '111122223333' });
  });

  it('takes a string as already encoded data', () => {
    const data = cloudwatchLogsEvent(undefined, { seed: 5 }).awslogs.data;
    expect(cloudwatchLogsEvent({ awslogs: { data } }).awslogs.data).toBe(data);
  });

  it('rejects a string that is not base64 gzip, naming the path', () => {
    expect(() => cloudwatchLogsEvent({ awslogs: { data: '{"logEvents":[]}' } }, { seed: 9 })).toThrow(
      ContractViolationError,
    );
    expect(() => cloudwatchLogsEvent({ awslogs: { data: 'nope' } }, { seed: 9 })).toThrow(/awslogs\.data/);
  });

  it('builds the control message CloudWatch Logs sends to check a destination', () => {
    const data = decodeCloudWatchLogsData(cloudwatchLogsEvent(undefined, { variant: 'control-message' }));
    expect(data).toMatchObject({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', subscriptionFilters: [] });
    expect(data.logEvents).toStrictEqual([
      {
        id: '',
        timestamp: expect.any(Number),
        message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
      },
    ]);
  });

  it('writes Lambda-style log lines in a Lambda log group by default', () => {
    const data = decodeCloudWatchLogsData(cloudwatchLogsEvent());
    expect(data.logGroup).toMatch(/^\/aws\/lambda\//);
    expect(data.logStream).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(data.logEvents[0]?.message).toMatch(/^START RequestId: /);
    expect(data.logEvents.at(-1)?.message).toMatch(/^REPORT RequestId: .*\tDuration: /);
  });

  it('lets the arbitrary draw the messages, up to the 256 KB event limit in edge mode', () => {
    for (const event of fc.sample(cloudwatchLogsArbitrary({ message: fc.constant('m'), variant: 'plain' }), {
      numRuns: 5,
      seed: 1,
    })) {
      expect(decodeCloudWatchLogsData(event).logEvents.every((e) => e.message === 'm')).toBe(true);
    }
    for (const event of fc.sample(cloudwatchLogsArbitrary({ edge: true }), { numRuns: 20, seed: 2 })) {
      for (const e of decodeCloudWatchLogsData(event).logEvents)
        expect(Buffer.byteLength(e.message) + 26).toBeLessThanOrEqual(256 * 1024);
    }
  });
});
