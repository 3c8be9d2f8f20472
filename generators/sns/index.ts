import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { SnsMessageAttribute, SnsMessage as SnsMessageShape, SnsRecord as SnsRecordShape } from './types.gen.ts';

export type { SnsMessageAttribute } from './types.gen.ts';

export type SnsVariant = 'notification' | 'with-attributes';

/**
 * The SNS message as Lambda receives it. AWS sends `Subject: null` when the publisher gave none; it is typed
 * `Subject?: string` as in `@types/aws-lambda` so events stay assignable (docs/decisions/sns-subject-null.md).
 */
export interface SnsMessage extends Omit<SnsMessageShape, 'Subject'> {
  Subject?: string;
}

export interface SnsRecord extends Omit<SnsRecordShape, 'Sns'> {
  Sns: SnsMessage;
}

export interface SnsEvent {
  Records: SnsRecord[];
}

/** Overrides of the message; `Message` may be given decoded (any JSON value is JSON-encoded). */
export type SnsMessageOverrides = Omit<DeepPartial<SnsMessageShape>, 'Message' | 'MessageAttributes' | 'Subject'> & {
  Message?: unknown;
  Subject?: string | null;
  MessageAttributes?: Record<string, SnsMessageAttribute>;
};

export type SnsRecordOverrides = Omit<DeepPartial<SnsRecord>, 'Sns'> & { Sns?: SnsMessageOverrides };

export interface SnsOverrides {
  Records?: SnsRecordOverrides[];
}

/**
 * Builds an Amazon SNS notification as Lambda receives it: subscription ARN, signing-cert and unsubscribe URLs
 * consistent with the topic, `Message` JSON-encoded when given as an object.
 * @example
 * const event = snsEvent({ Records: [{ Sns: { Message: { orderId: '42' }, Subject: 'Order' } }] });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
export function snsEvent(overrides?: SnsOverrides, options?: BuildOptions<SnsVariant>): SnsEvent {
  return definition.build(overrides, options);
}
