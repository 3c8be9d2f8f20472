import { checkArnRegion, parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { CloudFormationCustomResourceEvent } from './types.gen.ts';

type Event = CloudFormationCustomResourceEvent;

/** CloudFormation sends the physical id it got from Create on Update and Delete, never on Create. */
const physicalIdAfterCreate = defineRule<Event>({
  id: 'physical-id-after-create',
  description: 'PhysicalResourceId is present on Update and Delete requests, absent on Create',
  check(event, report) {
    const has = event.PhysicalResourceId !== undefined;
    if (has === (event.RequestType !== 'Create')) return;
    report({
      path: ['PhysicalResourceId'],
      expected: has
        ? `no PhysicalResourceId on a ${event.RequestType} request`
        : `the physical id on ${event.RequestType}`,
      received: show(event.PhysicalResourceId),
    });
  },
});

const oldPropertiesOnUpdate = defineRule<Event>({
  id: 'old-properties-on-update',
  description: 'OldResourceProperties is sent with Update requests only',
  check(event, report) {
    const has = event.OldResourceProperties !== undefined;
    if (has === (event.RequestType === 'Update')) return;
    report({
      path: ['OldResourceProperties'],
      expected: has
        ? `no OldResourceProperties on a ${event.RequestType} request`
        : 'the previous properties on Update',
      received: has ? 'an object' : 'nothing',
    });
  },
});

const serviceTokenEchoed = defineRule<Event>({
  id: 'service-token-echoed',
  description: 'ServiceToken is the one in ResourceProperties (and OldResourceProperties)',
  check(event, report) {
    if (event.ServiceToken !== undefined && event.ResourceProperties.ServiceToken !== event.ServiceToken)
      report({
        path: ['ResourceProperties', 'ServiceToken'],
        expected: `ServiceToken (${show(event.ServiceToken)})`,
        received: show(event.ResourceProperties.ServiceToken),
      });
  },
});

/** The service token and the response bucket are in the stack's region. */
const stackRegion = defineRule<Event>({
  id: 'stack-region',
  description: 'the service token and the response bucket are in the region of StackId',
  check(event, report) {
    const region = parseArn(event.StackId)?.region;
    if (region === undefined) return;
    checkArnRegion(
      report,
      ['ResourceProperties', 'ServiceToken'],
      event.ResourceProperties.ServiceToken,
      'StackId',
      region,
    );
    const bucket = /^https:\/\/cloudformation-custom-resource-response-([a-z0-9]+)\./.exec(event.ResponseURL)?.[1];
    if (bucket !== undefined && bucket !== region.replace(/-/g, ''))
      report({
        path: ['ResponseURL'],
        expected: `the response bucket of ${region} (cloudformation-custom-resource-response-${region.replace(/-/g, '')}, StackId)`,
        received: show(event.ResponseURL),
      });
  },
});

export const rules = [physicalIdAfterCreate, oldPropertiesOnUpdate, serviceTokenEchoed, stackRegion];
