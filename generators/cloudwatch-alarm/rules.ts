import { checkArnAccount, checkArnRegion, parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { CloudWatchAlarmEvent } from './types.gen.ts';

type Event = CloudWatchAlarmEvent;

/** The alarm lives in the event's region and account. */
const alarmInScope = defineRule<Event>({
  id: 'alarm-arn-in-scope',
  description: 'alarmArn is in the region and account of region and accountId',
  check(event, report) {
    checkArnRegion(report, ['alarmArn'], event.alarmArn, 'region', event.region);
    checkArnAccount(report, ['alarmArn'], event.alarmArn, 'accountId', event.accountId);
  },
});

/** The ARN names the alarm. */
const alarmNamed = defineRule<Event>({
  id: 'alarm-arn-names-alarm',
  description: 'alarmArn ends with alarm:<alarmData.alarmName>',
  check(event, report) {
    const resource = parseArn(event.alarmArn)?.resource;
    if (resource === undefined || resource === `alarm:${event.alarmData.alarmName}`) return;
    report({
      path: ['alarmArn'],
      expected: `the ARN of alarm ${show(event.alarmData.alarmName)} (alarmData.alarmName)`,
      received: show(event.alarmArn),
    });
  },
});

/** `reasonData` is a JSON document in a string. */
const reasonDataJson = defineRule<Event>({
  id: 'reason-data-json',
  description: 'state.reasonData and previousState.reasonData parse as JSON',
  check(event, report) {
    for (const key of ['state', 'previousState'] as const) {
      const data = event.alarmData[key].reasonData;
      if (data === undefined) continue;
      try {
        JSON.parse(data);
      } catch {
        report({ path: ['alarmData', key, 'reasonData'], expected: 'a JSON document', received: show(data) });
      }
    }
  },
});

/** The event is the state change: its time is the new state's timestamp, after the previous one. */
const timeOfChange = defineRule<Event>({
  id: 'time-of-state-change',
  description: 'time is alarmData.state.timestamp, and previousState.timestamp is not later',
  check(event, report) {
    const { state, previousState } = event.alarmData;
    if (event.time !== state.timestamp)
      report({
        path: ['time'],
        expected: `${show(state.timestamp)} (alarmData.state.timestamp)`,
        received: show(event.time),
      });
    if (Date.parse(previousState.timestamp) > Date.parse(state.timestamp))
      report({
        path: ['alarmData', 'previousState', 'timestamp'],
        expected: `not later than ${show(state.timestamp)} (alarmData.state.timestamp)`,
        received: show(previousState.timestamp),
      });
  },
});

export const rules = [alarmInScope, alarmNamed, reasonDataJson, timeOfChange];
