import { isBase64, parseArn } from '../../src/contracts/rule-kit.ts';
import { utf8Length } from '../../src/core/encoders.ts';
import { at, defineRule, show } from '../../src/contracts/rules.ts';
import type { SnsEvent } from './types.gen.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `https://sns.<region>.amazonaws.com` (`.com.cn` in the China partition) of a topic ARN. */
function endpointOf(topicArn: string): string | undefined {
  const parts = parseArn(topicArn);
  if (parts === undefined) return undefined;
  return `https://sns.${parts.region}.amazonaws.com${parts.partition === 'aws-cn' ? '.cn' : ''}/`;
}

const subscriptionArn = defineRule<SnsEvent>({
  id: 'subscription-arn',
  description: "EventSubscriptionArn is the topic's ARN followed by ':' and the subscription's UUID.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const topic = record.Sns.TopicArn;
      const arn = record.EventSubscriptionArn;
      if (!arn.startsWith(`${topic}:`) || !UUID.test(arn.slice(topic.length + 1)))
        report({
          path: ['Records', i, 'EventSubscriptionArn'],
          expected: `${at('Records', i, 'Sns', 'TopicArn')} (${show(topic)}) followed by ":<uuid>"`,
          received: show(arn),
        });
    });
  },
});

const signingCertRegion = defineRule<SnsEvent>({
  id: 'signing-cert-region',
  description: "SigningCertUrl is served by the SNS endpoint of the topic's region.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const endpoint = endpointOf(record.Sns.TopicArn);
      if (endpoint !== undefined && !record.Sns.SigningCertUrl.startsWith(endpoint))
        report({
          path: ['Records', i, 'Sns', 'SigningCertUrl'],
          expected: `a URL on ${endpoint} (the region of ${at('Records', i, 'Sns', 'TopicArn')})`,
          received: show(record.Sns.SigningCertUrl),
        });
    });
  },
});

const unsubscribeUrl = defineRule<SnsEvent>({
  id: 'unsubscribe-url',
  description: "UnsubscribeUrl is served by the SNS endpoint of the topic's region and names EventSubscriptionArn.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const endpoint = endpointOf(record.Sns.TopicArn);
      const url = record.Sns.UnsubscribeUrl;
      const expected = `${endpoint}?Action=Unsubscribe&SubscriptionArn=${record.EventSubscriptionArn}`;
      if (endpoint !== undefined && url !== expected && url !== expected.replace('&', '&amp;'))
        report({
          path: ['Records', i, 'Sns', 'UnsubscribeUrl'],
          expected: `${show(expected)} (the region of ${at('Records', i, 'Sns', 'TopicArn')} and ${at('Records', i, 'EventSubscriptionArn')})`,
          received: show(url),
        });
    });
  },
});

const attributeValue = defineRule<SnsEvent>({
  id: 'message-attribute-value',
  description:
    'A Number attribute holds a number, a Binary one base64, a String.Array one a JSON array (https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html).',
  check(event, report) {
    event.Records.forEach((record, i) => {
      for (const [name, { Type: type, Value: value }] of Object.entries(record.Sns.MessageAttributes)) {
        let wanted: string | undefined;
        if (type === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) wanted = 'a number';
        if (type === 'Binary' && !isBase64(value)) wanted = 'base64';
        if (type === 'String.Array' && !isJsonArray(value)) wanted = 'a JSON array';
        if (wanted !== undefined)
          report({
            path: ['Records', i, 'Sns', 'MessageAttributes', name, 'Value'],
            expected: `${wanted} (Type ${show(type)})`,
            received: show(value),
          });
      }
    });
  },
});

/** SNS messages, attributes included, are at most 256 KiB. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const messageSize = defineRule<SnsEvent>({
  id: 'message-size',
  description: 'A message, with its attribute names, types and values, is at most 256 KiB.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const sns = record.Sns;
      if (sns.Message.length * 3 + 10 * 1024 <= MAX_MESSAGE_BYTES) return;
      let bytes = utf8Length(sns.Message);
      for (const [name, a] of Object.entries(sns.MessageAttributes))
        bytes += utf8Length(name) + utf8Length(a.Type) + utf8Length(a.Value);
      if (bytes > MAX_MESSAGE_BYTES)
        report({
          path: ['Records', i, 'Sns', 'Message'],
          expected: `at most ${MAX_MESSAGE_BYTES} bytes of message and attributes`,
          received: `${bytes} bytes`,
        });
    });
  },
});

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The cross-field rules of the strict SNS contract. */
export const snsRules = [subscriptionArn, signingCertRegion, unsubscribeUrl, attributeValue, messageSize];
