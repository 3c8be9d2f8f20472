import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../generators/dynamodb-stream/definition.ts';
import { dynamodbStreamArbitrary } from '../../src/arbitraries.ts';
import { ContractViolationError, type DynamodbStreamEvent, dynamodbStreamEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

type Image = Parameters<typeof imageSize>[0];

function derived(event: DynamodbStreamEvent): void {
  let previous = -1n;
  for (const record of event.Records) {
    const { dynamodb: data, eventName } = record;
    const view = data.StreamViewType;
    expect(data.NewImage !== undefined).toBe(
      eventName !== 'REMOVE' && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES'),
    );
    expect(data.OldImage !== undefined).toBe(
      eventName !== 'INSERT' && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES'),
    );
    for (const image of [data.NewImage, data.OldImage]) {
      if (image === undefined) continue;
      for (const [name, value] of Object.entries(data.Keys)) expect(image[name]).toStrictEqual(value);
    }
    expect(data.SizeBytes).toBe(imageSize(data.Keys as Image) + imageSize(data.NewImage) + imageSize(data.OldImage));
    expect(BigInt(data.SequenceNumber) > previous).toBe(true);
    previous = BigInt(data.SequenceNumber);
    const [, , service, region, account] = record.eventSourceARN.split(':');
    expect(service).toBe('dynamodb');
    expect(region).toBe(record.awsRegion);
    expect(account).toMatch(/^\d{12}$/);
    if (record.userIdentity !== undefined) expect(eventName).toBe('REMOVE');
  }
  expect(new Set(event.Records.map((r) => r.eventSourceARN)).size).toBe(1);
  expect(new Set(event.Records.map((r) => r.dynamodb.StreamViewType)).size).toBe(1);
}

runEventContract<DynamodbStreamEvent>({
  id: 'dynamodb-stream',
  build: dynamodbStreamEvent as never,
  arbitrary: dynamodbStreamArbitrary as never,
  override: {
    value: { Records: [{ eventName: 'INSERT', dynamodb: { NewImage: { id: 'o-1', total: 12.5 } } }] },
    check: (event) => {
      expect(event.Records[0]?.dynamodb.NewImage).toStrictEqual({ id: { S: 'o-1' }, total: { N: '12.5' } });
      expect(event.Records[0]?.dynamodb.Keys).toStrictEqual({ id: { S: 'o-1' } });
    },
  },
  derived,
  requiredPath: ['Records', 0, 'dynamodb', 'Keys'],
});

describe('dynamodbStreamEvent', () => {
  it('keeps derived fields consistent for edge-mode events too (property)', () => {
    fc.assert(
      fc.property(dynamodbStreamArbitrary({ edge: true }), (event) => {
        derived(event);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('computes SizeBytes as DynamoDB does for the documented sample', () => {
    const Keys = { Id: { N: '101' } };
    const event = dynamodbStreamEvent({
      Records: [
        { eventName: 'INSERT', dynamodb: { Keys, NewImage: { Message: { S: 'New item!' }, Id: { N: '101' } } } },
        {
          eventName: 'MODIFY',
          dynamodb: {
            Keys,
            NewImage: { Message: { S: 'This item has changed' }, Id: { N: '101' } },
            OldImage: { Message: { S: 'New item!' }, Id: { N: '101' } },
          },
        },
        {
          eventName: 'REMOVE',
          dynamodb: { Keys, OldImage: { Message: { S: 'This item has changed' }, Id: { N: '101' } } },
        },
      ],
    });
    expect(event.Records.map((r) => r.dynamodb.SizeBytes)).toStrictEqual([26, 59, 38]);
  });

  it('keeps an overridden SizeBytes even when it does not match', () => {
    expect(dynamodbStreamEvent({ Records: [{ dynamodb: { SizeBytes: 7 } }] }).Records[0]?.dynamodb.SizeBytes).toBe(7);
  });

  it('marshalls plain images, binary as base64, sets and nested values', () => {
    const event = dynamodbStreamEvent(
      {
        Records: [
          {
            dynamodb: {
              NewImage: { id: 'a', blob: new Uint8Array([1, 2]), tags: new Set(['x']), n: null, m: { l: [1, true] } },
            },
          },
        ],
      },
      { variant: 'insert' },
    );
    expect(event.Records[0]?.dynamodb.NewImage).toStrictEqual({
      id: { S: 'a' },
      blob: { B: 'AQI=' },
      tags: { SS: ['x'] },
      n: { NULL: true },
      m: { M: { l: { L: [{ N: '1' }, { BOOL: true }] } } },
    });
  });

  it('uses a given image as the whole item, not merged with the default one', () => {
    const event = dynamodbStreamEvent({ Records: [{ dynamodb: { NewImage: { id: 'a' } } }] }, { variant: 'modify' });
    expect(event.Records[0]?.dynamodb.NewImage).toStrictEqual({ id: { S: 'a' } });
    expect(event.Records[0]?.dynamodb.OldImage?.id).toStrictEqual({ S: 'a' });
  });

  it('copies given Keys into the default images, replacing the default key attributes', () => {
    const event = dynamodbStreamEvent(
      { Records: [{ dynamodb: { Keys: { tenant: 't1', sku: 7 } } }] },
      { variant: 'modify' },
    );
    const { Keys, NewImage, OldImage } = event.Records[0]!.dynamodb;
    expect(Keys).toStrictEqual({ tenant: { S: 't1' }, sku: { N: '7' } });
    for (const image of [NewImage!, OldImage!]) {
      expect(unmarshall(image as never)).toMatchObject({ tenant: 't1', sku: 7 });
      expect(Object.keys(image)).not.toContain('id');
    }
  });

  it('drops the images a record does not carry, for REMOVE and for each view type', () => {
    expect(dynamodbStreamEvent(undefined, { variant: 'remove' }).Records[0]?.dynamodb).not.toHaveProperty('NewImage');
    expect(dynamodbStreamEvent(undefined, { variant: 'insert' }).Records[0]?.dynamodb).not.toHaveProperty('OldImage');
    const keysOnly = dynamodbStreamEvent(
      { Records: [{ dynamodb: { NewImage: { id: 'k' } } }] },
      { variant: 'keys-only' },
    );
    expect(keysOnly.Records[0]?.dynamodb).toMatchObject({ StreamViewType: 'KEYS_ONLY', Keys: { id: { S: 'k' } } });
    expect(keysOnly.Records[0]?.dynamodb).not.toHaveProperty('NewImage');
    const newImage = dynamodbStreamEvent(undefined, { variant: 'new-image', records: 10 });
    expect(newImage.Records.every((r) => r.dynamodb.OldImage === undefined)).toBe(true);
  });

  it('turns a mixed-variant record into a MODIFY to carry both given images, unless eventName is given', () => {
    const images = { NewImage: { id: 'a', v: 2 }, OldImage: { id: 'a', v: 1 } };
    const event = dynamodbStreamEvent({ Records: [{ dynamodb: images }, { eventName: 'INSERT', dynamodb: images }] });
    expect(event.Records[0]?.eventName).toBe('MODIFY');
    expect(event.Records[1]?.eventName).toBe('INSERT');
    expect(event.Records[1]?.dynamodb).not.toHaveProperty('OldImage');
  });

  it('removes an image overridden with undefined', () => {
    const event = dynamodbStreamEvent({ Records: [{ dynamodb: { OldImage: undefined } }] }, { variant: 'modify' });
    expect(event.Records[0]?.dynamodb).not.toHaveProperty('OldImage');
  });

  it('inserts new items (first status, version 1) and modifies existing ones (version bumped)', () => {
    const inserted = dynamodbStreamEvent(undefined, { variant: 'insert' }).Records[0]!.dynamodb.NewImage!;
    expect(inserted).toMatchObject({ status: { S: 'PENDING' }, version: { N: '1' } });
    expect(inserted.createdAt).toStrictEqual(inserted.updatedAt);
    const { NewImage, OldImage } = dynamodbStreamEvent(undefined, { variant: 'modify' }).Records[0]!.dynamodb;
    expect(Number((NewImage!.version as { N: string }).N)).toBe(Number((OldImage!.version as { N: string }).N) + 1);
    expect(NewImage!.status).not.toStrictEqual(OldImage!.status);
  });

  it('increases SequenceNumber on one shard of one table stream', () => {
    const event = dynamodbStreamEvent(undefined, { records: 10 });
    const sequence = event.Records.map((r) => BigInt(r.dynamodb.SequenceNumber));
    for (let i = 1; i < sequence.length; i++) expect(sequence[i]! > sequence[i - 1]!).toBe(true);
    expect(event.Records[0]?.eventSourceARN).toMatch(
      /:table\/[A-Za-z0-9_.-]+\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/,
    );
  });

  it('moves the stream ARN with an overridden region', () => {
    const event = dynamodbStreamEvent({ Records: [{ awsRegion: 'eu-west-3' }] });
    expect(event.Records[0]?.eventSourceARN).toMatch(/^arn:aws:dynamodb:eu-west-3:/);
  });

  it('rejects a key attribute that is not S, N or B, naming the path', () => {
    const build = () => dynamodbStreamEvent({ Records: [{ dynamodb: { Keys: { id: { BOOL: true } } } }] }, { seed: 9 });
    expect(build).toThrow(ContractViolationError);
    expect(build).toThrow(/Records\[0\]\.dynamodb\.Keys\.id/);
  });

  it('keeps an attribute named __proto__ as data, at any depth, without polluting prototypes', () => {
    const item = JSON.parse('{"id": "a", "__proto__": {"polluted": true, "__proto__": [1]}}');
    const image = dynamodbStreamEvent({ Records: [{ dynamodb: { NewImage: item } }] }, { variant: 'insert' }).Records[0]
      ?.dynamodb.NewImage as Record<string, unknown>;
    expect(Object.keys(image)).toStrictEqual(['id', '__proto__']);
    expect(JSON.stringify(Object.getOwnPropertyDescriptor(image, '__proto__')?.value)).toBe(
      '{"M":{"polluted":{"BOOL":true},"__proto__":{"L":[{"N":"1"}]}}}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => dynamodbStreamEvent({ Records: [{ dynamodb: { NewImage: { id: 'a', s: new Set() } } }] })).toThrow();
  });

  it('explores every attribute type in edge mode', () => {
    const seen = new Set<string>();
    const visit = (value: Record<string, unknown>) => {
      for (const [type, inner] of Object.entries(value)) {
        seen.add(type);
        if (type === 'M') for (const v of Object.values(inner as object)) visit(v);
        if (type === 'L') for (const v of inner as Record<string, unknown>[]) visit(v);
      }
    };
    for (const event of fc.sample(dynamodbStreamArbitrary({ edge: true }), { numRuns: 60, seed: 3 })) {
      for (const record of event.Records) {
        for (const image of [record.dynamodb.NewImage, record.dynamodb.OldImage]) {
          for (const value of Object.values(image ?? {})) visit(value as Record<string, unknown>);
        }
      }
    }
    expect([...seen].sort()).toStrictEqual(['B', 'BOOL', 'BS', 'L', 'M', 'N', 'NS', 'NULL', 'S', 'SS']);
  });

  it('lets the arbitrary draw the items the handler reads', () => {
    const arbitrary = dynamodbStreamArbitrary({
      newImage: fc.record({ id: fc.uuid(), qty: fc.nat() }),
      variant: 'insert',
    });
    for (const event of fc.sample(arbitrary, { numRuns: 10, seed: 1 })) {
      for (const record of event.Records) {
        expect(unmarshall(record.dynamodb.NewImage as never)).toStrictEqual({
          id: expect.any(String),
          qty: expect.any(Number),
        });
        expect(Object.keys(record.dynamodb.Keys)).toStrictEqual(['id']);
      }
    }
  });
});
