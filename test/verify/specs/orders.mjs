// A spec for `lambda-harness verify`: an SQS consumer that counts orders and ignores duplicates (a bug).
import { fc } from 'lambda-harness/arbitraries';

const orders = new Map();
export default {
  handler: async (event) => {
    for (const record of event.Records) {
      const { orderId } = JSON.parse(record.body);
      orders.set(orderId, (orders.get(orderId) ?? 0) + 1);
    }
  },
  source: 'sqs',
  payload: fc.record({ orderId: fc.constantFrom('o-1', 'o-2') }),
  reset: () => orders.clear(),
  observe: () => Object.fromEntries([...orders].sort()),
  properties: { idempotent: true },
  runs: 50,
};
