import { createRequire } from 'node:module';
import { arn, awsScope, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { toBase64 } from '../../src/core/encoders.ts';
import { allValues, httpRequest, lastValues, touched } from '../../src/core/http-request.ts';
import type { VpcLatticeOverrides, VpcLatticeVariant } from './index.ts';
import { rules } from './rules.ts';
import type { VpcLatticeEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const SERVICES = ['orders', 'billing', 'inventory', 'users'];
const ROLES = ['order-service', 'checkout', 'batch-jobs'];

export const definition = defineEvent<VpcLatticeEvent, VpcLatticeOverrides, VpcLatticeVariant>({
  id: 'vpc-lattice',
  title: 'Amazon VPC Lattice',
  invocation: 'sync',
  variants: ['v2', 'v1'],
  docs: 'https://docs.aws.amazon.com/vpc-lattice/latest/ug/lambda-functions.html',
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const serviceId = `svc-${random.hex(17)}`;
    const host = `${random.pick(SERVICES)}-${serviceId}.${random.hex(7)}.vpc-lattice-svcs.${scope.region}.on.aws`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, {
      host,
      sourceIp: `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
      time,
    });
    // Lattice passes the client's headers lower-cased, with its own forwarding headers.
    const headers = request.headers.filter(([k]) => !/^x-(amzn-trace-id|forwarded-(port|proto|for))$/i.test(k));
    headers.push(['x-forwarded-for', request.sourceIp]);
    const body = request.body ?? '';
    if (ctx.variant === 'v1') {
      return {
        raw_path: request.path,
        method: request.method,
        headers: lastValues(headers, true),
        ...(request.query.length > 0 ? { query_string_parameters: lastValues(request.query) } : {}),
        body,
        is_base64_encoded: request.isBase64Encoded,
      };
    }
    const iam = random.bool(0.7);
    const role = random.pick(ROLES);
    const session = random.hex(32);
    return {
      version: '2.0',
      path: request.path,
      method: request.method,
      headers: allValues(headers, true),
      ...(request.query.length > 0 ? { queryStringParameters: allValues(request.query) } : {}),
      body,
      isBase64Encoded: request.isBase64Encoded,
      requestContext: {
        serviceNetworkArn: arn(scope, 'vpc-lattice', `servicenetwork/sn-${random.hex(17)}`),
        serviceArn: arn(scope, 'vpc-lattice', `service/${serviceId}`),
        targetGroupArn: arn(scope, 'vpc-lattice', `targetgroup/tg-${random.hex(17)}`),
        identity: {
          sourceVpcArn: arn(scope, 'ec2', `vpc/vpc-${random.hex(17)}`),
          ...(iam
            ? {
                type: 'AWS_IAM',
                principal: `arn:${scope.partition}:sts::${scope.accountId}:assumed-role/${role}/${session}`,
                sessionName: session,
              }
            : { type: 'NONE' }),
        },
        region: scope.region,
        timeEpoch: `${time}${random.digits(3)}`,
      },
    };
  },
  finalize(event, ctx) {
    const o = ctx.overrides;
    const flag = ctx.variant === 'v1' ? 'is_base64_encoded' : 'isBase64Encoded';
    const body = event.body;
    if (body instanceof Uint8Array) {
      event.body = toBase64(body);
      if (!touched(o, flag)) event[flag] = true;
    } else if (body === null || body === undefined) event.body = '';
    else if (typeof body !== 'string') {
      event.body = JSON.stringify(body);
      if (!touched(o, flag)) event[flag] = false;
    } else if (touched(o, 'body') && !touched(o, flag)) event[flag] = false;
  },
});
