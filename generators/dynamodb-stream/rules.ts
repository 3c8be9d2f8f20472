import { checkArnRegion, checkIncreasing, isBase64 } from '../../src/contracts/rule-kit.ts';
import { defineRule, type RuleFinding, show } from '../../src/contracts/rules.ts';
import type { PathSegment } from '../../src/contracts/schema.ts';
import { carriesImages, imageSize } from './definition.ts';
import type { DynamodbAttributeValue, DynamodbStreamEvent, DynamodbStreamRecordData } from './types.ts';

/** Whether two key values are the same scalar (`{S: 'a'}` and `{S: 'a'}`). */
function sameKey(a: DynamodbAttributeValue | undefined, b: DynamodbAttributeValue | undefined): boolean {
  if (a === undefined || b === undefined || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  if (x.S !== undefined) return x.S === y.S && y.N === undefined && y.B === undefined;
  if (x.N !== undefined) return x.N === y.N && y.S === undefined && y.B === undefined;
  return x.B !== undefined && x.B === y.B && y.S === undefined && y.N === undefined;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** What is wrong with a set (SS, NS, BS), or undefined: non-empty, unique, each item of its type. */
function setProblem(items: unknown, item: (v: unknown) => boolean, what: string): string | undefined {
  if (!Array.isArray(items)) return 'an array';
  if (items.length === 0) return `a non-empty set of ${what}`;
  const seen = new Set<unknown>();
  for (const value of items) {
    if (!item(value)) return `a set of ${what}`;
    if (seen.has(value)) return `a set of unique ${what}`;
    seen.add(value);
  }
  return undefined;
}

const isNumber = (v: unknown) => typeof v === 'string' && NUMBER.test(v);
const isBinary = (v: unknown) => typeof v === 'string' && isBase64(v);

/**
 * Checks one AttributeValue (and what it nests) in a single pass; reports the first problem of each value. `path`
 * is a stack (pushed and popped, copied only for a finding): items may hold thousands of values.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_AttributeValue.html
 */
function checkValue(value: unknown, path: PathSegment[], report: (finding: RuleFinding) => void): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report({ path: path.slice(), expected: 'an AttributeValue object', received: show(value) });
    return;
  }
  let type: string | undefined;
  for (const key in value) {
    if (type !== undefined) {
      report({
        path: [...path, key],
        expected: `one type per AttributeValue (${type} already given)`,
        received: show((value as Record<string, unknown>)[key]),
      });
      return;
    }
    type = key;
  }
  if (type === undefined) {
    report({
      path: path.slice(),
      expected: 'an AttributeValue with one of S, N, B, BOOL, NULL, M, L, SS, NS, BS',
      received: show(value),
    });
    return;
  }
  const inner = (value as Record<string, unknown>)[type];
  let problem: string | undefined;
  switch (type) {
    case 'S':
      if (typeof inner !== 'string') problem = 'a string';
      break;
    case 'N':
      if (!isNumber(inner)) problem = 'a DynamoDB number as a string';
      break;
    case 'B':
      if (!isBinary(inner)) problem = 'canonical base64';
      break;
    case 'BOOL':
      if (typeof inner !== 'boolean') problem = 'a boolean';
      break;
    case 'NULL':
      if (inner !== true) problem = 'true';
      break;
    case 'M':
      if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) problem = 'a map of AttributeValues';
      else {
        path.push('M', '');
        for (const name of Object.keys(inner)) {
          path[path.length - 1] = name;
          checkValue((inner as Record<string, unknown>)[name], path, report);
        }
        path.length -= 2;
      }
      break;
    case 'L':
      if (!Array.isArray(inner)) problem = 'a list of AttributeValues';
      else {
        path.push('L', 0);
        for (let i = 0; i < inner.length; i++) {
          path[path.length - 1] = i;
          checkValue(inner[i], path, report);
        }
        path.length -= 2;
      }
      break;
    case 'SS':
      problem = setProblem(inner, (v) => typeof v === 'string', 'strings');
      break;
    case 'NS':
      problem = setProblem(inner, isNumber, 'DynamoDB numbers');
      break;
    case 'BS':
      problem = setProblem(inner, isBinary, 'base64 binaries');
      break;
    default:
      problem = 'one of S, N, B, BOOL, NULL, M, L, SS, NS, BS';
  }
  if (problem !== undefined) report({ path: [...path, type], expected: problem, received: show(inner) });
}

const attributeValues = defineRule<DynamodbStreamEvent>({
  id: 'attribute-values',
  description:
    'Every attribute of NewImage and OldImage is an AttributeValue: exactly one of the ten types, numbers as DynamoDB number strings, binary as base64, sets non-empty and unique.',
  check(event, report) {
    for (let i = 0; i < event.Records.length; i++) {
      const data = (event.Records[i] as DynamodbStreamEvent['Records'][number]).dynamodb;
      for (const image of ['NewImage', 'OldImage'] as const) {
        const item = data[image] as Record<string, unknown> | undefined;
        if (item === undefined) continue;
        const path: PathSegment[] = ['Records', i, 'dynamodb', image, ''];
        for (const name of Object.keys(item)) {
          path[4] = name;
          checkValue(item[name], path, report);
        }
      }
    }
  },
});

const keysInImages = defineRule<DynamodbStreamEvent>({
  id: 'keys-in-images',
  description: 'Every key attribute is in each image the record carries, with the same value.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const data = record.dynamodb;
      for (const image of ['NewImage', 'OldImage'] as const) {
        const item = data[image];
        if (item === undefined) continue;
        for (const name of Object.keys(data.Keys)) {
          if (!sameKey(data.Keys[name], Object.hasOwn(item, name) ? item[name] : undefined))
            report({
              path: ['Records', i, 'dynamodb', image, name],
              expected: `Records[${i}].dynamodb.Keys.${name} (${show(data.Keys[name])}): an image holds its item's keys`,
              received: show(Object.hasOwn(item, name) ? item[name] : undefined),
            });
        }
      }
    });
  },
});

const imagesEventName = defineRule<DynamodbStreamEvent>({
  id: 'images-event-name',
  description: 'An INSERT carries no OldImage and a REMOVE no NewImage: the item did not exist before, or after.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      if (record.eventName === 'INSERT' && record.dynamodb.OldImage !== undefined)
        report({
          path: ['Records', i, 'dynamodb', 'OldImage'],
          expected: `no OldImage on an INSERT (Records[${i}].eventName)`,
          received: 'an OldImage',
        });
      if (record.eventName === 'REMOVE' && record.dynamodb.NewImage !== undefined)
        report({
          path: ['Records', i, 'dynamodb', 'NewImage'],
          expected: `no NewImage on a REMOVE (Records[${i}].eventName)`,
          received: 'a NewImage',
        });
    });
  },
});

const imagesViewType = defineRule<DynamodbStreamEvent>({
  id: 'images-view-type',
  description:
    "A record carries exactly the images its stream's view type writes (KEYS_ONLY none, NEW_IMAGE the new, OLD_IMAGE the old, NEW_AND_OLD_IMAGES both) that its eventName has.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const data = record.dynamodb;
      const view = data.StreamViewType;
      const name = record.eventName;
      const carries = carriesImages(name, view);
      for (const [image, expected] of [
        ['NewImage', carries.newImage],
        ['OldImage', carries.oldImage],
      ] as const) {
        const present = data[image] !== undefined;
        // An image the event name rules out is the images-event-name rule's finding.
        if (present && !expected && !(image === 'NewImage' ? name === 'REMOVE' : name === 'INSERT'))
          report({
            path: ['Records', i, 'dynamodb', image],
            expected: `no ${image} on a ${view} stream (Records[${i}].dynamodb.StreamViewType)`,
            received: `a ${image}`,
          });
        if (!present && expected)
          report({
            path: ['Records', i, 'dynamodb', image],
            expected: `the ${image} of a ${name} on a ${view} stream (Records[${i}].eventName, .dynamodb.StreamViewType)`,
            received: 'nothing',
          });
      }
    });
  },
});

const oneStream = defineRule<DynamodbStreamEvent>({
  id: 'one-stream-per-batch',
  description: "Every record of a batch comes from one table's stream, with that stream's view type.",
  check(event, report) {
    const first = event.Records[0];
    if (first === undefined) return;
    event.Records.forEach((record, i) => {
      if (i === 0) return;
      if (record.eventSourceARN !== first.eventSourceARN)
        report({
          path: ['Records', i, 'eventSourceARN'],
          expected: `the stream of Records[0].eventSourceARN (${show(first.eventSourceARN)})`,
          received: show(record.eventSourceARN),
        });
      if (record.dynamodb.StreamViewType !== first.dynamodb.StreamViewType)
        report({
          path: ['Records', i, 'dynamodb', 'StreamViewType'],
          expected: `the stream's view type, Records[0].dynamodb.StreamViewType (${show(first.dynamodb.StreamViewType)})`,
          received: show(record.dynamodb.StreamViewType),
        });
    });
  },
});

const increasing = defineRule<DynamodbStreamEvent>({
  id: 'sequence-increasing',
  description: "Records reach the function in their shard's order: sequence numbers increase through the batch.",
  check(event, report) {
    checkIncreasing(
      report,
      event.Records.map((record, i) => ({
        group: record.eventSourceARN,
        sequence: record.dynamodb.SequenceNumber,
        path: ['Records', i, 'dynamodb', 'SequenceNumber'],
      })),
      'SequenceNumber',
    );
  },
});

const arnRegion = defineRule<DynamodbStreamEvent>({
  id: 'arn-region',
  description: "The table stream's ARN is in the record's awsRegion.",
  check(event, report) {
    let checkedArn: string | undefined;
    let checkedRegion: string | undefined;
    event.Records.forEach((record, i) => {
      // A batch comes from one stream: check each ARN and region pair once.
      if (record.eventSourceARN === checkedArn && record.awsRegion === checkedRegion) return;
      checkedArn = record.eventSourceARN;
      checkedRegion = record.awsRegion;
      checkArnRegion(
        report,
        ['Records', i, 'eventSourceARN'],
        record.eventSourceARN,
        `Records[${i}].awsRegion`,
        record.awsRegion,
      );
    });
  },
});

/** DynamoDB's item size limit. */
const MAX_ITEM = 400 * 1024;

const sizeBytes = defineRule<DynamodbStreamEvent>({
  id: 'size-bytes',
  description:
    'SizeBytes is at least the size of the keys plus two bytes per other attribute of the larger image, and at most the keys plus two 400 KB items.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const data: DynamodbStreamRecordData = record.dynamodb;
      const keys = imageSize(data.Keys);
      const keyCount = Object.keys(data.Keys).length;
      const attributes = Math.max(
        data.NewImage === undefined ? 0 : Object.keys(data.NewImage).length - keyCount,
        data.OldImage === undefined ? 0 : Object.keys(data.OldImage).length - keyCount,
      );
      // Every attribute costs at least a one-byte name and a one-byte value (DynamoDB's item size rules).
      const least = keys + 2 * Math.max(0, attributes);
      const most = keys + 2 * MAX_ITEM;
      if (data.SizeBytes < least || data.SizeBytes > most)
        report({
          path: ['Records', i, 'dynamodb', 'SizeBytes'],
          expected: `${least} to ${most} bytes (the size of Records[${i}].dynamodb.Keys, its images' attributes, at most two 400 KB items)`,
          received: show(data.SizeBytes),
        });
    });
  },
});

const ttlIdentity = defineRule<DynamodbStreamEvent>({
  id: 'ttl-identity',
  description: 'userIdentity marks a Time to Live deletion: it appears on REMOVE records only.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      if (record.userIdentity !== undefined && record.eventName !== 'REMOVE')
        report({
          path: ['Records', i, 'userIdentity'],
          expected: `no userIdentity on a ${record.eventName} (only Time to Live deletions carry it)`,
          received: show(record.userIdentity),
        });
    });
  },
});

const WINDOW_FIELDS = [
  'window',
  'shardId',
  'eventSourceARN',
  'isFinalInvokeForWindow',
  'isWindowTerminatedEarly',
] as const;

const tumblingWindow = defineRule<DynamodbStreamEvent>({
  id: 'tumbling-window',
  description:
    "The tumbling-window fields come together; the window's eventSourceARN is the records' stream and its start precedes its end.",
  check(event, report) {
    const present = WINDOW_FIELDS.filter((name) => event[name] !== undefined);
    if (present.length > 0 || event.state !== undefined) {
      if (present.length < WINDOW_FIELDS.length) {
        for (const name of WINDOW_FIELDS.filter((n) => event[n] === undefined))
          report({
            path: [name],
            expected: `${name} beside ${present.join(', ') || 'state'} (a tumbling-window event carries ${WINDOW_FIELDS.join(', ')})`,
            received: 'nothing',
          });
        return;
      }
    }
    const first = event.Records[0];
    if (event.window === undefined || first === undefined) return;
    if (event.eventSourceARN !== first.eventSourceARN)
      report({
        path: ['eventSourceARN'],
        expected: `Records[0].eventSourceARN (${show(first.eventSourceARN)})`,
        received: show(event.eventSourceARN),
      });
    if (!(Date.parse(event.window.start) < Date.parse(event.window.end)))
      report({
        path: ['window', 'end'],
        expected: `a time after window.start (${event.window.start})`,
        received: show(event.window.end),
      });
  },
});

export const rules = [
  attributeValues,
  keysInImages,
  imagesEventName,
  imagesViewType,
  oneStream,
  increasing,
  arnRegion,
  sizeBytes,
  ttlIdentity,
  tumblingWindow,
];
