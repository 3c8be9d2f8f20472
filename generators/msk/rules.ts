import { defineRule, show } from '../../src/contracts/rules.ts';
import { parseArn } from '../../src/contracts/rule-kit.ts';
import { kafkaRules } from './kafka-rules.ts';

/** MSK Serverless clusters end their ARN in `-s<n>`; provisioned ones in `-<n>`. */
export const SERVERLESS_ARN = /-s\d+$/;

/**
 * The brokers Lambda lists are the cluster's own: `*.kafka.<region>.amazonaws.com` (provisioned) or
 * `*.kafka-serverless.<region>.amazonaws.com` (Serverless), in the cluster ARN's region.
 */
export const bootstrapServersRule = defineRule<{ eventSourceArn: string; bootstrapServers: string }>({
  id: 'bootstrap-servers-of-cluster',
  description: "bootstrapServers are the MSK cluster's brokers: in the cluster's region, Serverless or not as it is.",
  check(event, report) {
    const arn = parseArn(event.eventSourceArn);
    if (arn === undefined) return;
    const serverless = SERVERLESS_ARN.test(arn.resource);
    const domain = `.${serverless ? 'kafka-serverless' : 'kafka'}.${arn.region}.amazonaws.com`;
    for (const server of event.bootstrapServers.split(',')) {
      const host = server.slice(0, server.lastIndexOf(':'));
      if (!host.endsWith(domain) && !host.endsWith(`${domain}.cn`)) {
        report({
          path: ['bootstrapServers'],
          expected: `brokers on *${domain} (eventSourceArn: ${serverless ? 'a Serverless' : 'a provisioned'} cluster in ${arn.region})`,
          received: show(server),
        });
        return;
      }
    }
  },
});

export const mskRules = [...kafkaRules, bootstrapServersRule];
