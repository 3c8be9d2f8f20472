import { describe, expect, it } from 'vitest';
import { snsArbitrary } from '../../src/arbitraries.ts';
import { ContractViolationError, type SnsEvent, snsEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function derived(event: SnsEvent): void {
  for (const record of event.Records) {
    const { Sns: sns } = record;
    expect(record.EventSubscriptionArn.startsWith(`${sns.TopicArn}:`)).toBe(true);
    expect(record.EventSubscriptionArn.slice(sns.TopicArn.length + 1)).toMatch(UUID);
    const region = sns.TopicArn.split(':')[3];
    expect(sns.SigningCertUrl.startsWith(`https://sns.${region}.amazonaws.com/SimpleNotificationService-`)).toBe(true);
    expect(sns.UnsubscribeUrl).toBe(
      `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${record.EventSubscriptionArn}`,
    );
    expect(typeof sns.Message).toBe('string');
  }
}

runEventContract<SnsEvent>({
  id: 'sns',
  build: snsEvent as never,
  arbitrary: snsArbitrary as never,
  override: {
    value: { Records: [{ Sns: { Message: { orderId: 'o-1' }, Subject: 'Order' } }] },
    check: (event) => {
      expect(event.Records[0]?.Sns.Message).toBe('{"orderId":"o-1"}');
      expect(event.Records[0]?.Sns.Subject).toBe('Order');
    },
  },
  derived,
  requiredPath: ['Records', 0, 'Sns', 'TopicArn'],
  breaks: {
    'subscription-arn': (event) => {
      const record = event.Records[0]!;
      record.EventSubscriptionArn = record.EventSubscriptionArn.replace(/:([^:]+)$/, '-other:$1');
    },
    'signing-cert-region': (event) => {
      const sns = event.Records[0]!.Sns;
      sns.SigningCertUrl = sns.SigningCertUrl.replace(/sns\.[a-z0-9-]+\./, 'sns.af-south-1.');
    },
    'unsubscribe-url': (event) => {
      const sns = event.Records[0]!.Sns;
      sns.UnsubscribeUrl = sns.UnsubscribeUrl.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000');
    },
    'message-attribute-value': (event) => {
      event.Records[0]!.Sns.MessageAttributes = { priority: { Type: 'Number', Value: 'high' } };
    },
    'message-size': (event) => {
      event.Records[0]!.Sns.Message = 'x'.repeat(256 * 1024 + 1);
    },
  },
});

const strictRules = (event: unknown) => validate('sns', event, { strict: true }).errors.map((e) => e.rule ?? e.path);

describe('sns strict rules', () => {
  it('admits the &amp; spelling of AWS samples in UnsubscribeUrl, and a subscription ARN of another topic nowhere', () => {
    const event = snsEvent();
    const sns = event.Records[0]!.Sns;
    sns.UnsubscribeUrl = sns.UnsubscribeUrl.replace('&', '&amp;');
    expect(strictRules(event)).toStrictEqual([]);
    event.Records[0]!.EventSubscriptionArn = `${sns.TopicArn}-other:00000000-0000-4000-8000-000000000000`;
    expect(strictRules(event)).toStrictEqual(['subscription-arn', 'unsubscribe-url']);
  });

  it('checks attribute values by type: numbers, base64 and JSON arrays', () => {
    const withAttribute = (Type: string, Value: string) => {
      const event = snsEvent();
      event.Records[0]!.Sns.MessageAttributes = { a: { Type: Type as never, Value } };
      return strictRules(event);
    };
    expect(withAttribute('Number', '-1.5e3')).toStrictEqual([]);
    expect(withAttribute('Binary', 'AAEC')).toStrictEqual([]);
    expect(withAttribute('String.Array', '["a",1]')).toStrictEqual([]);
    expect(withAttribute('Binary', 'TestBinary')).toStrictEqual(['message-attribute-value']);
    expect(withAttribute('String.Array', 'a,b')).toStrictEqual(['message-attribute-value']);
  });

  it('admits placeholder ARNs and URLs of AWS samples in shape only', () => {
    const event = snsEvent();
    const record = event.Records[0]!;
    record.EventSubscriptionArn = 'arn:aws:sns:us-east-1::ExampleTopic';
    Object.assign(record.Sns, { Signature: 'EXAMPLE', SigningCertUrl: 'EXAMPLE', UnsubscribeUrl: 'EXAMPLE' });
    expect(validate('sns', event).valid).toBe(true);
    expect(validate('sns', event, { strict: true }).valid).toBe(false);
  });
});

describe('snsEvent', () => {
  it('keeps a string message as given, without encoding it again', () => {
    expect(snsEvent({ Records: [{ Sns: { Message: 'plain text' } }] }).Records[0]?.Sns.Message).toBe('plain text');
    expect(snsEvent({ Records: [{ Sns: { Message: '"quoted"' } }] }).Records[0]?.Sns.Message).toBe('"quoted"');
  });

  it('moves the subscription ARN and both URLs with an overridden topic', () => {
    const topic = 'arn:aws:sns:eu-west-3:111122223333:billing';
    const record = snsEvent({ Records: [{ Sns: { TopicArn: topic } }] }).Records[0]!;
    expect(record.EventSubscriptionArn).toMatch(new RegExp(`^${topic}:[0-9a-f-]{36}$`));
    expect(record.Sns.SigningCertUrl).toMatch(/^https:\/\/sns\.eu-west-3\.amazonaws\.com\/SimpleNotificationService-/);
    expect(record.Sns.UnsubscribeUrl).toBe(
      `https://sns.eu-west-3.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${record.EventSubscriptionArn}`,
    );
  });

  it('keeps explicitly overridden derived fields even when they disagree', () => {
    const url = 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:x';
    const record = snsEvent(
      {
        Records: [
          {
            EventSubscriptionArn: 'arn:aws:sns:us-east-1:111122223333:other:00000000-0000-4000-8000-000000000000',
            Sns: { TopicArn: 'arn:aws:sns:us-east-1:111122223333:billing', UnsubscribeUrl: url },
          },
        ],
      },
      { validate: 'shape' },
    ).Records[0]!;
    expect(record.EventSubscriptionArn).toBe(
      'arn:aws:sns:us-east-1:111122223333:other:00000000-0000-4000-8000-000000000000',
    );
    expect(record.Sns.UnsubscribeUrl).toBe(url);
  });

  it('accepts a null subject as AWS sends it, and rejects a non-string one', () => {
    expect(snsEvent({ Records: [{ Sns: { Subject: null } }] }).Records[0]?.Sns.Subject).toBeNull();
    expect(() =>
      snsEvent({ Records: [{ Sns: { Subject: 5 as never } }] }, { seed: 9 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ContractViolationError: [lambda-harness] sns: Records[0].Sns.Subject: expected string or null, received number (seed 9)]`,
    );
  });

  it('sends message attributes only in the with-attributes variant', () => {
    expect(snsEvent().Records[0]?.Sns.MessageAttributes).toStrictEqual({});
    const attributes = snsEvent(undefined, { variant: 'with-attributes' }).Records[0]!.Sns.MessageAttributes;
    expect(
      Object.values(attributes)
        .map((a) => a.Type)
        .sort(),
    ).toStrictEqual(['Binary', 'Number', 'String', 'String.Array']);
    expect(() =>
      snsEvent({ Records: [{ Sns: { MessageAttributes: { a: { Type: 'Text' as never, Value: 'x' } } } }] }),
    ).toThrow(ContractViolationError);
  });

  it('signs with a 2048-bit-sized base64 signature and stamps ISO milliseconds', () => {
    const sns = snsEvent().Records[0]!.Sns;
    expect(sns.Signature).toMatch(/^[A-Za-z0-9+/]{342}==$/);
    expect(sns.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(
      validate(
        'sns',
        { Records: [{ ...snsEvent().Records[0], Sns: { ...sns, Timestamp: '2026-01-15T12:00:00Z' } }] },
        {
          strict: true,
        },
      ).valid,
    ).toBe(false);
  });

  it('delivers one record per invocation, as SNS does', () => {
    expect(snsEvent().Records).toHaveLength(1);
    expect(() => snsEvent(undefined, { records: 2 })).toThrow(/records must be an integer from 1 to 1/);
  });
});

describe('sns schema', () => {
  it("requires the Lambda event's …Url spelling and rejects the SNS-to-SQS envelope's …URL spelling", () => {
    const sns = snsEvent().Records[0]!.Sns;
    const { SigningCertUrl, UnsubscribeUrl, ...rest } = sns;
    const event = (message: object) => ({ Records: [{ ...snsEvent().Records[0], Sns: message }] });
    expect(validate('sns', event({ ...rest, SigningCertUrl, UnsubscribeUrl })).valid).toBe(true);
    const asQueue = validate('sns', event({ ...rest, SigningCertURL: SigningCertUrl, UnsubscribeURL: UnsubscribeUrl }));
    expect(asQueue.valid).toBe(false);
    expect(asQueue.errors.map((e) => e.path)).toContain('Records[0].Sns.SigningCertUrl');
  });
});
