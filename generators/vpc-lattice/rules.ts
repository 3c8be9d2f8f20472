import { checkArnRegion, isBase64 } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { VpcLatticeEvent, VpcLatticeV2Event } from './types.gen.ts';

type Event = VpcLatticeEvent;

function isV2(event: Event): event is VpcLatticeV2Event {
  return 'version' in event;
}

const arnsInRegion = defineRule<Event>({
  id: 'arns-in-region',
  description: 'the service network, service, target group and source VPC are in requestContext.region (2.0)',
  check(event, report) {
    if (!isV2(event)) return;
    const { region } = event.requestContext;
    const context = event.requestContext;
    for (const key of ['serviceNetworkArn', 'serviceArn', 'targetGroupArn'] as const)
      checkArnRegion(report, ['requestContext', key], context[key], 'requestContext.region', region);
    checkArnRegion(
      report,
      ['requestContext', 'identity', 'sourceVpcArn'],
      context.identity.sourceVpcArn,
      'requestContext.region',
      region,
    );
  },
});

const iamIdentity = defineRule<Event>({
  id: 'iam-identity',
  description: 'principal and sessionName are present exactly when identity.type is AWS_IAM (2.0)',
  check(event, report) {
    if (!isV2(event)) return;
    const identity = event.requestContext.identity;
    const iam = identity.type === 'AWS_IAM';
    for (const key of ['principal', 'sessionName'] as const) {
      if ((identity[key] !== undefined) !== iam)
        report({
          path: ['requestContext', 'identity', key],
          expected: iam
            ? `the caller's ${key} (identity.type AWS_IAM)`
            : `no ${key} (identity.type ${show(identity.type)})`,
          received: show(identity[key]),
        });
    }
  },
});

const base64Body = defineRule<Event>({
  id: 'base64-body',
  description: 'a body flagged base64-encoded is canonical base64',
  check(event, report) {
    const [flag, key] = isV2(event)
      ? [event.isBase64Encoded, 'isBase64Encoded']
      : [event.is_base64_encoded, 'is_base64_encoded'];
    if (flag && !isBase64(event.body))
      report({ path: ['body'], expected: `base64 (${key} is true)`, received: show(event.body) });
  },
});

export const rules = [arnsInRegion, iamIdentity, base64Body];
