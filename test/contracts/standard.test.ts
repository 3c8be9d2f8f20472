import { describe, expect, it } from 'vitest';
import { apiGatewayRestEvent, contracts, getEventType, sqsEvent, validate } from '../../src/index.ts';

describe('contracts as Standard Schema', () => {
  it('are matched by vitest expect.schemaMatching, shape by default', () => {
    const event = sqsEvent();
    expect(event).toEqual(expect.schemaMatching(contracts.sqs));
    expect(event).toEqual(expect.schemaMatching(contracts.sqs.strict));
    expect({ Records: [{ ...event.Records[0], body: { a: 1 } }] }).not.toEqual(expect.schemaMatching(contracts.sqs));
  });

  it('tell the shape and strict profiles apart', () => {
    const event = { ...sqsEvent(), addedByAws: true };
    expect(event).toEqual(expect.schemaMatching(contracts.sqs));
    expect(event).not.toEqual(expect.schemaMatching(contracts.sqs.strict));
  });

  it('report issues with a message and a path of keys and indexes', () => {
    const result = contracts.sqs['~standard'].validate({ Records: [{ ...sqsEvent().Records[0], body: 1 }] });
    expect(result).toStrictEqual({
      issues: [{ message: 'expected string, received number', path: ['Records', 0, 'body'] }],
    });
    expect(contracts.sqs['~standard'].vendor).toBe('lambda-harness');
    expect(contracts.sqs['~standard'].version).toBe(1);
  });

  it('return the value itself when it is valid', () => {
    const event = apiGatewayRestEvent();
    expect(contracts.apiGatewayRest['~standard'].validate(event)).toStrictEqual({ value: event });
  });

  it('agree with validate() for every event type, in both profiles', () => {
    for (const [name, contract] of Object.entries(contracts)) {
      const bad = { notAnEvent: name };
      expect(contract['~standard'].validate(bad)).toHaveProperty('issues');
      expect(validate(contract.id, bad).valid).toBe(false);
      expect(contract.strict.profile).toBe('strict');
      expect(contract.profile).toBe('shape');
    }
  });

  it('offer the response contract only where the service reads the answer', () => {
    expect(contracts.sns.response).toBeUndefined();
    expect(contracts.kinesisFirehose.response?.profile).toBe('response');
    expect(contracts.apiGatewayRest.response?.['~standard'].validate({ statusCode: 200, body: {} })).toHaveProperty(
      'issues',
    );
    for (const contract of Object.values(contracts))
      expect(contract.response?.profile).toBe(getEventType(contract.id).contracts.response ? 'response' : undefined);
  });
});
