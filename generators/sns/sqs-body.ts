import type { Random } from '../../src/core/random.ts';
import type { SnsMessage } from './index.ts';

/** Options of `snsSqsBody`. */
export interface SnsSqsBodyOptions {
  /**
   * The message's sequence number on a FIFO topic: the body then carries `SequenceNumber` after `MessageId` and no
   * signature fields (docs/decisions/sqs-contract.md).
   */
  readonly sequenceNumber?: string;
}

/** The JSON SNS writes to a subscribed queue: its own key order, `" : "` separators and `…URL` capitalisation. */
export function snsSqsBody(message: SnsMessage, random: Random, options: SnsSqsBodyOptions = {}): string {
  const subscriptionArn = `${message.TopicArn}:${random.uuid()}`;
  // A message written the documentation's way (`…URL`) is accepted as input too.
  const spelled = message as Partial<Record<'SigningCertURL' | 'UnsubscribeURL', string>>;
  const certUrl = message.SigningCertUrl ?? spelled.SigningCertURL;
  const unsubscribe = (message.UnsubscribeUrl ?? spelled.UnsubscribeURL ?? '').replace(
    /SubscriptionArn=.*$/,
    `SubscriptionArn=${subscriptionArn}`,
  );
  const fifo = options.sequenceNumber !== undefined;
  const fields: [string, string][] = [
    ['Type', message.Type],
    ['MessageId', message.MessageId],
  ];
  if (fifo) fields.push(['SequenceNumber', options.sequenceNumber as string]);
  fields.push(['TopicArn', message.TopicArn]);
  if (message.Subject !== undefined && message.Subject !== null) fields.push(['Subject', message.Subject]);
  fields.push(['Message', message.Message], ['Timestamp', message.Timestamp]);
  if (!fifo)
    fields.push(
      ['SignatureVersion', message.SignatureVersion],
      ['Signature', message.Signature],
      ['SigningCertURL', certUrl ?? ''],
    );
  fields.push(['UnsubscribeURL', unsubscribe]);
  const lines = fields.map(([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`);
  const attributes = Object.entries(message.MessageAttributes);
  if (attributes.length > 0) {
    const entries = attributes.map(
      ([name, a]) =>
        `    ${JSON.stringify(name)} : {"Type":${JSON.stringify(a.Type)},"Value":${JSON.stringify(a.Value)}}`,
    );
    lines.push(`  "MessageAttributes" : {\n${entries.join(',\n')}\n  }`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}
