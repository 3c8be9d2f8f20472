import { defineRule, show } from '../../src/contracts/rules.ts';

interface ActivemqBatch {
  readonly messages: readonly {
    readonly brokerInTime: number;
    readonly brokerOutTime: number;
    readonly deliveryMode?: number;
    readonly persistent?: boolean;
  }[];
}

/** The broker stamps a message in before it hands it out, on one clock. */
export const brokerTimesRule = defineRule<ActivemqBatch>({
  id: 'broker-in-before-out',
  description: 'The broker receives a message before it dispatches it: brokerInTime <= brokerOutTime.',
  check(event, report) {
    event.messages.forEach((message, i) => {
      if (message.brokerOutTime < message.brokerInTime)
        report({
          path: ['messages', i, 'brokerOutTime'],
          expected: `a time at or after messages[${i}].brokerInTime (${message.brokerInTime})`,
          received: show(message.brokerOutTime),
        });
    });
  },
});

/** `persistent` and `deliveryMode` are two views of one JMS header. */
export const persistentRule = defineRule<ActivemqBatch>({
  id: 'persistent-matches-delivery-mode',
  description: 'persistent is true exactly when the JMS delivery mode is 2 (PERSISTENT).',
  check(event, report) {
    event.messages.forEach((message, i) => {
      if (message.persistent === undefined || message.deliveryMode === undefined) return;
      if (message.persistent !== (message.deliveryMode === 2))
        report({
          path: ['messages', i, 'persistent'],
          expected: `${message.deliveryMode === 2} (messages[${i}].deliveryMode is ${message.deliveryMode})`,
          received: show(message.persistent),
        });
    });
  },
});

export const activemqRules = [brokerTimesRule, persistentRule];
