import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../generators/dynamodb-stream/definition.ts';
import { dynamodbStreamArbitrary } from '../../src/arbitraries.ts';
import {
  ContractViolationError,
  type DynamodbStreamEvent,
  type DynamodbStreamVariant,
  dynamodbStreamEvent,
  validate,
  validateDynamodbStreamResponse,
} from '../../src/index.ts';
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
  breaks: {
    'attribute-values': (event) => {
      const data = event.Records[0]!.dynamodb;
      (data.NewImage ?? data.OldImage ?? {}).extra = { S: 'a', N: '1' } as never;
      if (data.NewImage === undefined && data.OldImage === undefined)
        data.NewImage = { extra: { S: 'a', N: '1' } as never };
    },
    'keys-in-images': (event) => {
      const data = event.Records[0]!.dynamodb;
      const [name] = Object.keys(data.Keys);
      const image = (data.NewImage ?? data.OldImage)!;
      image[name!] = { S: 'not-the-key' };
    },
    'images-event-name': (event) => {
      const record = event.Records[0]!;
      record.eventName = 'INSERT';
      record.dynamodb.OldImage = structuredClone(record.dynamodb.NewImage ?? record.dynamodb.OldImage);
      record.dynamodb.NewImage ??= structuredClone(record.dynamodb.OldImage);
    },
    'images-view-type': (event) => {
      const data = event.Records[0]!.dynamodb;
      data.StreamViewType = 'KEYS_ONLY';
    },
    'one-stream-per-batch': (event) => {
      const copy = structuredClone(event.Records[0]!);
      copy.eventSourceARN = copy.eventSourceARN.replace(/table\/[^/]+/, 'table/another-table');
      copy.dynamodb.SequenceNumber = `9${copy.dynamodb.SequenceNumber}`;
      event.Records.push(copy);
    },
    'sequence-increasing': (event) => {
      event.Records.push(structuredClone(event.Records[0]!));
    },
    'arn-region': (event) => {
      event.Records[0]!.awsRegion = event.Records[0]!.awsRegion === 'eu-west-3' ? 'eu-west-1' : 'eu-west-3';
    },
    'size-bytes': (event) => {
      event.Records[0]!.dynamodb.SizeBytes = 3;
    },
    'ttl-identity': (event) => {
      const record = event.Records[0]!;
      record.userIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };
      if (record.eventName === 'REMOVE') {
        record.eventName = 'MODIFY';
        record.dynamodb.NewImage = structuredClone(record.dynamodb.OldImage);
      }
    },
    'tumbling-window': (event) => {
      (event as unknown as Record<string, unknown>).window = {
        start: '2020-07-30T17:00:00Z',
        end: '2020-07-30T17:05:00Z',
      };
    },
  },
});

/** The rules a strict-valid event breaks after `change`. */
function rulesAfter(
  change: (event: DynamodbStreamEvent) => void,
  options: { variant?: DynamodbStreamVariant; seed?: number } = {},
): string[] {
  const event = structuredClone(
    dynamodbStreamEvent(undefined, { records: 3, seed: options.seed ?? 4, variant: options.variant }),
  );
  change(event);
  return validate('dynamodb-stream', event, { strict: true }).errors.map((e) => e.rule ?? `schema ${e.path}`);
}

describe('dynamodb-stream strict rules', () => {
  it('accepts images consistent with eventName and view type, and rejects each inconsistency', () => {
    expect(rulesAfter(() => {}, { variant: 'modify' })).toStrictEqual([]);
    expect(
      rulesAfter(
        (e) => {
          delete e.Records[0]!.dynamodb.NewImage;
        },
        { variant: 'modify' },
      ),
    ).toStrictEqual(['images-view-type']);
    expect(
      rulesAfter(
        (e) => {
          const data = e.Records[0]!.dynamodb;
          data.NewImage = structuredClone(data.OldImage);
        },
        { variant: 'remove' },
      ),
    ).toStrictEqual(['images-event-name']);
    expect(
      rulesAfter(
        (e) => {
          const data = e.Records[0]!.dynamodb;
          data.NewImage = structuredClone(data.OldImage);
        },
        { variant: 'old-image', seed: 6 },
      ).filter((r) => r !== 'images-event-name'),
    ).toStrictEqual(['images-view-type']);
    for (const view of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE'] as const) {
      const variant = view === 'KEYS_ONLY' ? 'keys-only' : view === 'NEW_IMAGE' ? 'new-image' : 'old-image';
      expect({ view, rules: rulesAfter(() => {}, { variant }) }).toStrictEqual({ view, rules: [] });
    }
  });

  it('accepts numeric key attributes equal in Keys and images, and rejects a different value', () => {
    const Keys = { Id: { N: '101' } };
    const event = dynamodbStreamEvent(
      {
        Records: [
          { eventName: 'INSERT', dynamodb: { Keys, NewImage: { Message: { S: 'New item!' }, Id: { N: '101' } } } },
        ],
      },
      { variant: 'insert' },
    );
    expect(validate('dynamodb-stream', event, { strict: true }).errors).toStrictEqual([]);
    const broken = structuredClone(event);
    broken.Records[0]!.dynamodb.NewImage!.Id = { N: '102' };
    expect(validate('dynamodb-stream', broken, { strict: true }).errors).toMatchObject([
      { path: 'Records[0].dynamodb.NewImage.Id', rule: 'keys-in-images' },
    ]);
    broken.Records[0]!.dynamodb.NewImage!.Id = { S: '101' };
    expect(validate('dynamodb-stream', broken, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'keys-in-images',
    ]);
  });

  it('accepts SizeBytes from the largest image up to two items, and rejects sizes outside', () => {
    expect(
      rulesAfter((e) => {
        e.Records[0]!.dynamodb.SizeBytes += 10;
      }),
    ).toStrictEqual([]);
    expect(
      rulesAfter((e) => {
        e.Records[0]!.dynamodb.SizeBytes = 2 * 400 * 1024 + 5000;
      }),
    ).toStrictEqual(['size-bytes']);
  });

  it('accepts eventVersion 1.0 (legacy) and 1.1, and rejects others', () => {
    expect(
      rulesAfter((e) => {
        e.Records[0]!.eventVersion = '1.0';
      }),
    ).toStrictEqual([]);
    expect(
      rulesAfter((e) => {
        (e.Records[0] as { eventVersion: string }).eventVersion = '1.2';
      }),
    ).toStrictEqual(['schema Records[0].eventVersion']);
  });

  it('accepts tumbling-window events whose fields agree, and rejects missing fields or a foreign stream', () => {
    expect(rulesAfter(() => {}, { variant: 'tumbling-window' })).toStrictEqual([]);
    expect(
      rulesAfter(
        (e) => {
          delete (e as unknown as Record<string, unknown>).isFinalInvokeForWindow;
        },
        {
          variant: 'tumbling-window',
        },
      ),
    ).toStrictEqual(['tumbling-window']);
    expect(
      rulesAfter(
        (e) => {
          e.eventSourceARN = e.eventSourceARN!.replace(/table\/[^/]+/, 'table/other');
        },
        {
          variant: 'tumbling-window',
        },
      ),
    ).toStrictEqual(['tumbling-window']);
  });

  it('rejects an attribute value with two types or an unknown type in strict, with the path', () => {
    const event = structuredClone(dynamodbStreamEvent(undefined, { variant: 'insert' }));
    (event.Records[0]!.dynamodb.NewImage as Record<string, unknown>).bad = { S: 'a', N: '1' };
    expect(validate('dynamodb-stream', event, { strict: true }).errors).toMatchObject([
      { path: 'Records[0].dynamodb.NewImage.bad.N', rule: 'attribute-values' },
    ]);
    (event.Records[0]!.dynamodb.NewImage as Record<string, unknown>).bad = { L: [{ M: { x: { N: 'one' } } }] };
    expect(validate('dynamodb-stream', event, { strict: true }).errors).toMatchObject([
      { path: 'Records[0].dynamodb.NewImage.bad.L[0].M.x.N', rule: 'attribute-values', received: '"one"' },
    ]);
    expect(validate('dynamodb-stream', event).valid).toBe(true);
    (event.Records[0]!.dynamodb.NewImage as Record<string, unknown>).bad = { SS: ['a', 'a'] };
    expect(validate('dynamodb-stream', event, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'attribute-values',
    ]);
    (event.Records[0]!.dynamodb.NewImage as Record<string, unknown>).bad = { X: 'a' };
    expect(validate('dynamodb-stream', event, { strict: true }).valid).toBe(false);
    (event.Records[0]!.dynamodb.NewImage as Record<string, unknown>).bad = { S: 1 };
    expect(validate('dynamodb-stream', event).valid).toBe(false);
  });
});

describe('dynamodb-stream response contract', () => {
  const event = dynamodbStreamEvent(undefined, { records: 3, seed: 2 });
  const windowed = dynamodbStreamEvent(undefined, { records: 2, seed: 2, variant: 'tumbling-window' });

  it('accepts success and partial failures naming a SequenceNumber of the batch', () => {
    for (const response of [null, '', [], {}, { batchItemFailures: [] }])
      expect(validate('dynamodb-stream', response, { response: true }).errors).toStrictEqual([]);
    const partial = { batchItemFailures: [{ itemIdentifier: event.Records[2]!.dynamodb.SequenceNumber }] };
    expect(validateDynamodbStreamResponse(event, partial).errors).toStrictEqual([]);
    expect(validateDynamodbStreamResponse(windowed, { state: {}, batchItemFailures: [] }).errors).toStrictEqual([]);
  });

  it('rejects answers that fail the whole batch, and a tumbling-window answer without state', () => {
    for (const response of ['ok', { batchItemFailures: [{ itemIdentifier: null }] }, { batchItemFailures: 'x' }])
      expect(validate('dynamodb-stream', response, { response: true }).valid).toBe(false);
    expect(
      validateDynamodbStreamResponse(event, { batchItemFailures: [{ itemIdentifier: 'eventID' }] }).errors,
    ).toMatchObject([{ path: 'batchItemFailures[0].itemIdentifier' }]);
    expect(validateDynamodbStreamResponse(windowed, {}).errors).toMatchObject([{ path: 'state' }]);
  });
});

describe('dynamodb-stream variety', () => {
  it('generates every attribute type, numeric keys and TTL deletions across seeds', () => {
    const types = new Set<string>();
    const keyTypes = new Set<string>();
    let ttl = false;
    const visit = (value: Record<string, unknown>) => {
      for (const [type, inner] of Object.entries(value)) {
        types.add(type);
        if (type === 'M') for (const v of Object.values(inner as object)) visit(v);
        if (type === 'L') for (const v of inner as Record<string, unknown>[]) visit(v);
      }
    };
    for (let seed = 0; seed < 40; seed++) {
      for (const record of dynamodbStreamEvent(undefined, { seed, records: 5 }).Records) {
        for (const key of Object.values(record.dynamodb.Keys)) keyTypes.add(Object.keys(key)[0]!);
        for (const image of [record.dynamodb.NewImage, record.dynamodb.OldImage])
          for (const value of Object.values(image ?? {})) visit(value as Record<string, unknown>);
        ttl ||= record.userIdentity !== undefined;
      }
    }
    expect([...types].sort()).toStrictEqual(['B', 'BOOL', 'BS', 'L', 'M', 'N', 'NS', 'NULL', 'S', 'SS']);
    expect([...keyTypes].sort()).toStrictEqual(['N', 'S']);
    expect(ttl).toBe(true);
  });

  it('builds tumbling-window events whose records were created within the window', () => {
    const event = dynamodbStreamEvent(undefined, { variant: 'tumbling-window', records: 50 });
    const start = Date.parse(event.window.start) / 1000;
    const end = Date.parse(event.window.end) / 1000;
    for (const record of event.Records) {
      expect(record.dynamodb.ApproximateCreationDateTime).toBeGreaterThanOrEqual(start);
      expect(record.dynamodb.ApproximateCreationDateTime).toBeLessThan(end);
    }
    expect(event.shardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    expect(event.eventSourceARN).toBe(event.Records[0]!.eventSourceARN);
    expect(dynamodbStreamEvent()).not.toHaveProperty('window');
  });
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
    const event = dynamodbStreamEvent({ Records: [{ dynamodb: { SizeBytes: 7 } }] }, { validate: 'shape' });
    expect(event.Records[0]?.dynamodb.SizeBytes).toBe(7);
    expect(() => dynamodbStreamEvent({ Records: [{ dynamodb: { SizeBytes: 7 } }] })).toThrow(/size-bytes|SizeBytes/);
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
    const event = dynamodbStreamEvent(
      { Records: [{ dynamodb: { OldImage: undefined } }] },
      { variant: 'modify', validate: 'shape' },
    );
    expect(event.Records[0]?.dynamodb).not.toHaveProperty('OldImage');
    // A MODIFY on a NEW_AND_OLD_IMAGES stream without its OldImage is not what AWS sends.
    expect(validate('dynamodb-stream', event, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'images-view-type',
    ]);
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
