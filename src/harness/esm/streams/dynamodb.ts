/**
 * The DynamoDB Streams poller of an event source mapping (aws-behaviour §4.3): records hashed onto shards by item key,
 * read per shard (per key with `parallelizationFactor` > 1) in order, with retries, bisect, partial batch
 * responses (`dynamodb.SequenceNumber`), tumbling windows, the 24-hour retention and on-failure destinations.
 */
import type { DynamodbStreamEvent, DynamodbStreamVariant } from '../../../../generators/dynamodb-stream/index.ts';
import { dynamodbStreamEvent } from '../../../../generators/dynamodb-stream/index.ts';
import { isMarshalled, marshallImage } from '../../../core/encoders.ts';
import { describeValue, ScenarioError } from '../../errors.ts';
import type { Handler } from '../../invoke.ts';
import {
  type MappingConfig,
  type MappingLedger,
  MappingRun,
  type MappingRunOptions,
  type PreparedMapping,
  type SourceRunner,
} from '../core.ts';
import { EPOCH } from './log-poller.ts';
import {
  arrivalOf,
  checkShards,
  entryInputs,
  laneOf,
  md5Int,
  objectAt,
  optionsAt,
  type ParsedPollerInvocation,
  pollerRunner,
  type PollerSource,
  runStreamPoller,
  shardLanes,
  shardOf,
  simulatePoller,
} from './shared.ts';

/** An item change written to the table: the record's `dynamodb` part (images plain or marshalled) and eventName. */
export interface DynamodbRecordInput {
  /** INSERT, MODIFY or REMOVE. Default: from the images given (new only → INSERT, old only → REMOVE, both → MODIFY). */
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** `Keys`, `NewImage`, `OldImage` (plain objects are marshalled) and any other field of the record's `dynamodb`. */
  dynamodb?: Record<string, unknown>;
  /** Shorthands for `dynamodb.Keys` / `NewImage` / `OldImage`. */
  keys?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  /** Virtual ms at which the change reaches the stream. Default 0. */
  at?: number;
}

/** The table's stream. */
export interface DynamodbTableOptions {
  /** Table name. Default `my-table`. */
  name?: string;
  /** `StreamViewType`. Default NEW_AND_OLD_IMAGES. */
  viewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /**
   * The table's key attributes, partition key first (then the sort key). Changes given as images without `Keys`
   * get their `Keys` from these, and per-item order follows them. Default: `pk`/`sk`, `customerId`/`orderId` or
   * `id`, whichever the image has (the generator's key styles).
   */
  keyAttributes?: readonly string[];
}

/** Options of `simulateDynamodbStream`. */
export interface DynamodbSimulationOptions extends MappingConfig, MappingRunOptions {
  /** Number of stream shards, 1–500. Default 1. */
  shards?: number;
  table?: DynamodbTableOptions;
}

/** DynamoDB stream records are kept 24 hours, not configurable (aws-behaviour §4.3). */
export const DYNAMODB_RETENTION_MS = 24 * 3_600_000;

const VIEW_VARIANTS: Record<string, DynamodbStreamVariant> = {
  KEYS_ONLY: 'keys-only',
  NEW_IMAGE: 'new-image',
  OLD_IMAGE: 'old-image',
  NEW_AND_OLD_IMAGES: 'new-and-old-images',
};

interface PreparedTable {
  readonly name: string;
  readonly keyAttributes: readonly string[] | undefined;
  readonly variant: DynamodbStreamVariant;
  readonly shards: number;
}

function prepareTable(value: unknown, shards: unknown, field: string): PreparedTable {
  const t = optionsAt(`${field}.table`, value, ['name', 'viewType', 'keyAttributes']);
  const keyAttributes = t.keyAttributes as unknown;
  if (
    keyAttributes !== undefined &&
    (!Array.isArray(keyAttributes) ||
      keyAttributes.length < 1 ||
      keyAttributes.length > 2 ||
      !keyAttributes.every((k) => typeof k === 'string' && k !== ''))
  ) {
    throw new ScenarioError(
      `${field}.table.keyAttributes`,
      `expected the partition key name, then optionally the sort key name, received ${describeValue(keyAttributes)}`,
    );
  }
  const name = t.name ?? 'my-table';
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
    throw new ScenarioError(
      `${field}.table.name`,
      `expected 3–255 of A-Z a-z 0-9 _ . -, received ${describeValue(name)}`,
    );
  }
  const view = t.viewType ?? 'NEW_AND_OLD_IMAGES';
  const variant = typeof view === 'string' ? VIEW_VARIANTS[view] : undefined;
  if (variant === undefined) {
    throw new ScenarioError(
      `${field}.table.viewType`,
      `expected one of ${Object.keys(VIEW_VARIANTS).join(', ')}, received ${describeValue(view)}`,
    );
  }
  return {
    name,
    variant,
    keyAttributes: keyAttributes as readonly string[] | undefined,
    shards: checkShards(`${field}.shards`, shards),
  };
}

const ENTRY_KEYS = ['eventName', 'dynamodb', 'keys', 'newImage', 'oldImage', 'at'];
const EVENT_NAMES = ['INSERT', 'MODIFY', 'REMOVE'];

/** Checks scenario entries / API inputs and expands `{"generate": "dynamodb-stream"}` into changes. */
export function dynamodbInputs(entries: readonly unknown[], field = 'events'): DynamodbRecordInput[] {
  return entryInputs<DynamodbRecordInput>(entries, field, {
    what: '{"dynamodb": {…}} or {"keys", "newImage", "oldImage"} or {"generate": …}',
    generate: ['dynamodb-stream'],
    fromEvent: (event, at) =>
      (event as DynamodbStreamEvent).Records.map((r) => {
        const { SequenceNumber: _s, ApproximateCreationDateTime: _t, ...dynamodb } = r.dynamodb;
        return { eventName: r.eventName, dynamodb, at };
      }),
    keys: ENTRY_KEYS,
    fromEntry(entry, at) {
      if (entry.eventName !== undefined && !EVENT_NAMES.includes(entry.eventName as string)) {
        throw new ScenarioError(
          `${at}.eventName`,
          `expected INSERT, MODIFY or REMOVE, received ${describeValue(entry.eventName)}`,
        );
      }
      const dynamodb =
        entry.dynamodb === undefined ? {} : { ...objectAt(`${at}.dynamodb`, entry.dynamodb, 'an object') };
      for (const [short, key] of [
        ['keys', 'Keys'],
        ['newImage', 'NewImage'],
        ['oldImage', 'OldImage'],
      ] as const) {
        if (entry[short] === undefined) continue;
        if (dynamodb[key] !== undefined)
          throw new ScenarioError(`${at}.${short}`, `given twice (also dynamodb.${key})`);
        dynamodb[key] = objectAt(`${at}.${short}`, entry[short], 'an item (object)');
      }
      if (dynamodb.Keys === undefined && dynamodb.NewImage === undefined && dynamodb.OldImage === undefined) {
        throw new ScenarioError(
          at,
          'expected the item: dynamodb.Keys / NewImage / OldImage (or keys / newImage / oldImage)',
        );
      }
      const input: DynamodbRecordInput = { dynamodb, at: arrivalOf(at, entry.at) };
      if (entry.eventName !== undefined) input.eventName = entry.eventName as DynamodbRecordInput['eventName'];
      return input;
    },
  });
}

function inferEventName(dynamodb: Record<string, unknown>): 'INSERT' | 'MODIFY' | 'REMOVE' {
  const hasNew = dynamodb.NewImage !== undefined;
  const hasOld = dynamodb.OldImage !== undefined;
  if (hasNew && hasOld) return 'MODIFY';
  if (hasOld) return 'REMOVE';
  return 'INSERT';
}

const DEFAULT_KEY_STYLES: readonly (readonly string[])[] = [['pk', 'sk'], ['customerId', 'orderId'], ['id']];

/**
 * The item's key attributes, marshalled: the change's `Keys`, or the key attributes picked from its image (the
 * table's `keyAttributes`, else a default key style the image has). `undefined` when they cannot be told and
 * order does not depend on them (one lane).
 */
function itemKeys(
  input: DynamodbRecordInput,
  index: number,
  keyAttributes: readonly string[] | undefined,
  spread: boolean,
): Record<string, unknown> | undefined {
  const dynamodb = input.dynamodb ?? {};
  if (dynamodb.Keys !== undefined) return toMarshalled(dynamodb.Keys);
  const image = toMarshalled(dynamodb.NewImage ?? dynamodb.OldImage ?? {});
  const names = keyAttributes ?? DEFAULT_KEY_STYLES.find((style) => style.every((name) => image[name] !== undefined));
  if (names === undefined || names.some((name) => image[name] === undefined)) {
    if (!spread && keyAttributes === undefined) return undefined;
    throw new ScenarioError(
      'table.keyAttributes',
      `changes[${index}] has no Keys and its image lacks ${
        names === undefined ? 'the table key attributes' : names.filter((n) => image[n] === undefined).join(', ')
      }: name the table's key attributes (e.g. table: { keyAttributes: ['pk', 'sk'] }) or give Keys, so per-item order holds`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, image[name]]));
}

function toMarshalled(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const image = value as Record<string, unknown>;
  return isMarshalled(image) ? image : marshallImage(image);
}

/** A DynamoDB stream shard id, e.g. `shardId-00000001768478400000-1a2b3c4d`. */
export function dynamodbShardId(index: number, suffix: string): string {
  return `shardId-${String(EPOCH + index).padStart(20, '0')}-${suffix}`;
}

/** Runs DynamoDB stream records through a prepared mapping (used by `simulateDynamodbStream` and scenarios). */
export function pollDynamodb(
  table: PreparedTable,
  mapping: PreparedMapping,
  handler: Handler,
  inputs: readonly DynamodbRecordInput[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const run = new MappingRun(handler, options, inputs.length);
  const fn = run.fn;
  const label = new Date(EPOCH - 86_400_000).toISOString().slice(0, -1);
  const streamArn = `arn:aws:dynamodb:${fn.region}:${fn.accountId}:table/${table.name}/stream/${label}`;
  const factor = mapping.parallelizationFactor;
  const spread = table.shards > 1 || factor > 1;
  const placed = inputs.map((input, index) => {
    const keys = itemKeys(input, index, table.keyAttributes, spread);
    // Per item (partition + sort key, the record's Keys), never the image contents (aws-behaviour §4.3).
    const hash = md5Int(keys === undefined ? String(index) : JSON.stringify(keys));
    const placedInput =
      keys === undefined || input.dynamodb?.Keys !== undefined
        ? input
        : { ...input, dynamodb: { ...input.dynamodb, Keys: keys } };
    return { input: placedInput, index, shard: shardOf(hash, table.shards), lane: laneOf(hash, factor) };
  });
  const lanes = shardLanes(run, placed, table.shards, factor, (shard) => {
    const shardId = dynamodbShardId(shard, run.random.hex(8));
    let sequence = BigInt(`1${run.random.digits(20)}`);
    return {
      name: shardId,
      build(chunk, seed) {
        const overrides = chunk.map((p) => {
          sequence += BigInt(run.random.int(1, 9_999_999));
          const dynamodb = { ...(p.input.dynamodb ?? {}) };
          return {
            eventName: p.input.eventName ?? inferEventName(dynamodb),
            awsRegion: fn.region,
            eventSourceARN: streamArn,
            dynamodb: {
              ...dynamodb,
              SequenceNumber: sequence.toString(),
              ApproximateCreationDateTime: Math.floor((EPOCH + (p.input.at ?? 0)) / 1000),
            },
          };
        });
        const event = dynamodbStreamEvent(
          { Records: overrides as never },
          { seed, now: EPOCH, validate: false, variant: table.variant },
        );
        return event.Records.map((record) => ({ record, id: record.dynamodb.SequenceNumber, filterView: record }));
      },
    };
  });
  return runStreamPoller(
    run,
    mapping,
    {
      streamArn,
      infoKey: 'DDBStreamBatchInfo',
      retentionMs: DYNAMODB_RETENTION_MS,
      retentionText: 'stream retention (24 h)',
    },
    lanes,
  );
}

/** The DynamoDB Streams source: a table's stream with shards. */
const DYNAMODB: PollerSource<PreparedTable, DynamodbRecordInput> = {
  ownKeys: ['shards', 'table'],
  prepare: (own, field) => prepareTable(own.table, own.shards, field),
  inputs: (entries, _table, field) => dynamodbInputs(entries, field),
  poll: pollDynamodb,
};

/**
 * Writes `changes` to a table's stream and runs them through an event source mapping invoking `handler`
 * (aws-behaviour §4.3); returns the ledger, one event per record in input order.
 * @example
 * const ledger = await simulateDynamodbStream(handler, [{ newImage: { id: 'a', total: 3 } }], { maximumRetryAttempts: 1 });
 */
export async function simulateDynamodbStream(
  handler: Handler,
  changes: readonly DynamodbRecordInput[],
  options: DynamodbSimulationOptions = {},
): Promise<MappingLedger> {
  return simulatePoller(DYNAMODB, 'dynamodb', handler, changes, 'changes', options);
}

/** A validated `invocation` of source `dynamodb`. */
export interface ParsedDynamodbInvocation extends ParsedPollerInvocation<'dynamodb'> {
  readonly table: PreparedTable;
}

/** The scenario runner of source `dynamodb`: entries `{"dynamodb": {…}}`, keys/images, or `{"generate": "dynamodb-stream"}`. */
export const dynamodbSource: SourceRunner<ParsedDynamodbInvocation> = pollerRunner(DYNAMODB, 'dynamodb', 'table');
