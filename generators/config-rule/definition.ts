import { createRequire } from 'node:module';
import { arn, awsScope, isoMillis, type AwsScope } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { ConfigRuleOverrides, ConfigRuleVariant } from './index.ts';
import { rules } from './rules.ts';
import type { ConfigRuleEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** The configuration item (or its summary) of an EC2 instance, as AWS Config records it. */
function item(ctx: GenerateContext<ConfigRuleVariant>, scope: AwsScope, summary: boolean): Record<string, unknown> {
  const { random } = ctx;
  const instance = `i-${random.hex(17)}`;
  const capture = isoMillis(ctx.now - random.int(1_000, 60_000));
  const common = {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: capture,
    configurationStateId: ctx.now - random.int(1_000, 60_000),
    awsAccountId: scope.accountId,
    configurationItemStatus: 'OK',
    resourceType: 'AWS::EC2::Instance',
    resourceId: instance,
    resourceName: null,
    ARN: arn(scope, 'ec2', `instance/${instance}`),
    awsRegion: scope.region,
    availabilityZone: `${scope.region}${random.pick(['a', 'b', 'c'])}`,
    configurationStateMd5Hash: '',
    resourceCreationTime: isoMillis(ctx.now - random.int(86_400_000, 30 * 86_400_000)),
  };
  if (summary) return { changeType: 'UPDATE', ...common };
  return {
    relatedEvents: [],
    relationships: [],
    configuration: { instanceId: instance, instanceType: random.pick(['t3.micro', 't3.small', 'm5.large']) },
    supplementaryConfiguration: {},
    tags: {},
    ...common,
  };
}

function invokingEvent(ctx: GenerateContext<ConfigRuleVariant>, scope: AwsScope): Record<string, unknown> {
  const notificationCreationTime = isoMillis(ctx.now);
  const messageType = ctx.variant;
  if (ctx.variant === 'ScheduledNotification')
    return { awsAccountId: scope.accountId, notificationCreationTime, messageType, recordVersion: '1.0' };
  if (ctx.variant === 'OversizedConfigurationItemChangeNotification')
    return {
      configurationItemSummary: item(ctx, scope, true),
      messageType,
      notificationCreationTime,
      recordVersion: '1.0',
    };
  return {
    configurationItemDiff: null,
    configurationItem: item(ctx, scope, false),
    notificationCreationTime,
    messageType,
    recordVersion: '1.3',
  };
}

export const definition = defineEvent<ConfigRuleEvent, ConfigRuleOverrides, ConfigRuleVariant>({
  id: 'config-rule',
  title: 'AWS Config custom Lambda rule',
  invocation: 'async',
  variants: [
    'ConfigurationItemChangeNotification',
    'OversizedConfigurationItemChangeNotification',
    'ScheduledNotification',
  ],
  docs: 'https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html',
  // One published sample is labelled with a typo; it is a scheduled notification.
  referenceVariants: { ScheduledNxotification: 'ScheduledNotification' },
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const id = `config-rule-${random.alnum(6).toLowerCase()}`;
    const event: Record<string, unknown> = {
      version: '1.0',
      invokingEvent: JSON.stringify(invokingEvent(ctx, scope)),
      ruleParameters: JSON.stringify({ desiredInstanceType: random.pick(['t3.micro', 't3.small']) }),
      resultToken: Buffer.from(JSON.stringify({ encryptedData: random.token(48) })).toString('base64'),
      eventLeftScope: false,
      executionRoleArn: arn(scope, 'iam', 'role/config-role', { region: false }),
      configRuleArn: arn(scope, 'config', `config-rule/${id}`),
      configRuleName: `${random.pick(['desired-instance-type', 'ec2-managed-instance', 'tagged-resources'])}-rule`,
      configRuleId: id,
      accountId: scope.accountId,
    };
    if (ctx.variant !== 'ScheduledNotification') event.evaluationMode = 'DETECTIVE';
    return event;
  },
  finalize(event, ctx) {
    // The rule ARN follows an overridden rule id, unless given itself.
    if (overridden(ctx.overrides, 'configRuleId') && !overridden(ctx.overrides, 'configRuleArn')) {
      const parts = String(event.configRuleArn).split(':');
      parts[5] = `config-rule/${String(event.configRuleId)}`;
      event.configRuleArn = parts.slice(0, 6).join(':');
    }
    // An overridden account moves the rule, its role and the notification with it, unless they are given.
    if (overridden(ctx.overrides, 'accountId')) {
      const account = String(event.accountId);
      for (const field of ['configRuleArn', 'executionRoleArn'])
        if (!overridden(ctx.overrides, field)) {
          const parts = String(event[field]).split(':');
          parts[4] = account;
          event[field] = parts.join(':');
        }
      if (!overridden(ctx.overrides, 'invokingEvent')) {
        const parsed = JSON.parse(String(event.invokingEvent)) as Record<string, Record<string, unknown>>;
        const target = parsed.configurationItem ?? parsed.configurationItemSummary ?? parsed;
        target.awsAccountId = account;
        if (typeof target.ARN === 'string') {
          const parts = target.ARN.split(':');
          parts[4] = account;
          target.ARN = parts.join(':');
        }
        event.invokingEvent = JSON.stringify(parsed);
      }
    }
  },
});
