import { describe, expect, it } from 'vitest';
import { scheduledArbitrary } from '../../src/arbitraries.ts';
import { ContractViolationError, type ScheduledEvent, scheduledEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: ScheduledEvent): void {
  expect(event.resources).toHaveLength(1);
  const [, , service, region, account, resource] = event.resources[0]!.split(':');
  expect(service).toBe('events');
  expect(region).toBe(event.region);
  expect(account).toBe(event.account);
  expect(resource).toMatch(/^rule\//);
  expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  expect(event.detail).toStrictEqual({});
}

runEventContract<ScheduledEvent>({
  id: 'scheduled',
  build: scheduledEvent as never,
  arbitrary: scheduledArbitrary as never,
  override: {
    value: {
      time: '2026-01-15T03:00:00Z',
      region: 'us-east-1',
      account: '123456789012',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly'],
    },
    check: (event) => {
      expect(event.time).toBe('2026-01-15T03:00:00Z');
      expect(event.resources).toStrictEqual(['arn:aws:events:us-east-1:123456789012:rule/nightly']);
    },
  },
  derived,
  requiredPath: ['resources'],
  breaks: {
    'rule-in-scope': (event) => {
      event.resources = [
        event.resources[0]!.replace(/:\d{12}:/, event.account === '111122223333' ? ':222233334444:' : ':111122223333:'),
      ];
    },
  },
});

describe('scheduledEvent', () => {
  it('fires a cron rule on its minute and hour, no later than now', () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    for (const seed of [1, 2, 3, 4, 5]) {
      const event = scheduledEvent(undefined, { variant: 'cron', seed, now });
      const [, hhmm] = /-daily-(\d{4})$/.exec(event.resources[0]!) ?? [];
      expect(event.time.slice(11, 16)).toBe(`${hhmm?.slice(0, 2)}:${hhmm?.slice(2)}`);
      const time = Date.parse(event.time);
      expect(time).toBeLessThanOrEqual(now);
      expect(now - time).toBeLessThan(86_400_000);
    }
  });

  it('fires a rate rule on a whole minute within one period before now', () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 30);
    for (const seed of [1, 2, 3, 4, 5]) {
      const event = scheduledEvent(undefined, { variant: 'rate', seed, now });
      const [, rate] = /-every-(\d+)-minutes?$/.exec(event.resources[0]!) ?? [];
      const age = now - Date.parse(event.time);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(Number(rate) * 60_000);
      expect(event.time.endsWith(':00Z')).toBe(true);
    }
  });

  it('moves the rule ARN with an overridden region and account, but keeps explicit resources', () => {
    const event = scheduledEvent({ region: 'eu-west-3', account: '111122223333' });
    expect(event.resources[0]).toMatch(/^arn:aws:events:eu-west-3:111122223333:rule\//);
    const kept = scheduledEvent(
      { region: 'eu-west-3', resources: ['arn:aws:events:us-east-1:123456789012:rule/x'] },
      { validate: 'shape' },
    );
    expect(kept.resources).toStrictEqual(['arn:aws:events:us-east-1:123456789012:rule/x']);
  });

  it('always sends an empty detail, and rejects one with content', () => {
    expect(scheduledEvent().detail).toStrictEqual({});
    expect(() => scheduledEvent({ detail: { x: 1 } as never })).toThrow(/detail\.x: unknown override path/);
  });

  it('sends source aws.events and detail-type Scheduled Event, and rejects others', () => {
    const event = scheduledEvent();
    expect([event.source, event['detail-type']]).toStrictEqual(['aws.events', 'Scheduled Event']);
    expect(() => scheduledEvent({ source: 'aws.scheduler' as never })).toThrow(ContractViolationError);
  });
});
