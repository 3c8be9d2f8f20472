import { createRequire } from 'node:module';
import { arn, arnWithRegion, awsScope, fakerWords, isoSeconds, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { isMarshalled, marshallImage, utf8Length } from '../../src/core/encoders.ts';
import { isPlainObject, overridden } from '../../src/core/overrides.ts';
import type { DynamodbStreamOverrides, DynamodbStreamVariant } from './index.ts';
import { rules } from './rules.ts';
import type { DynamodbAttributeValue, DynamodbStreamEvent } from './types.ts';

const require = createRequire(import.meta.url);

type Image = Record<string, DynamodbAttributeValue>;
type EventName = 'INSERT' | 'MODIFY' | 'REMOVE';
type ViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

const VIEW_BY_VARIANT: Partial<Record<DynamodbStreamVariant, ViewType>> = {
  'keys-only': 'KEYS_ONLY',
  'new-image': 'NEW_IMAGE',
  'old-image': 'OLD_IMAGE',
};
const NAME_BY_VARIANT: Partial<Record<DynamodbStreamVariant, EventName>> = {
  insert: 'INSERT',
  modify: 'MODIFY',
  remove: 'REMOVE',
};

/** The StreamViewType and fixed eventName (if any) of a variant; see docs/decisions/dynamodb-stream-variants.md. */
export function variantShape(variant: DynamodbStreamVariant): { view: ViewType; eventName?: EventName } {
  const eventName = NAME_BY_VARIANT[variant];
  return { view: VIEW_BY_VARIANT[variant] ?? 'NEW_AND_OLD_IMAGES', ...(eventName ? { eventName } : {}) };
}

/** Whether a record of this eventName, on a stream of this view type, carries each image. */
export function carriesImages(eventName: string, view: string): { newImage: boolean; oldImage: boolean } {
  return {
    newImage: eventName !== 'REMOVE' && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES'),
    oldImage: eventName !== 'INSERT' && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES'),
  };
}

/** UTF-8 byte length: ASCII (the usual attribute) counted in JS, the rest by Buffer. */
function utf8Bytes(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return utf8Length(text);
  return text.length;
}

/** DynamoDB's size of a number: one byte per two significant digits, plus one. */
function numberSize(n: string): number {
  let digit = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    if (c === 101 || c === 69) break; // e, E: the exponent does not count
    if (c < 48 || c > 57) continue;
    if (c !== 48) {
      if (first < 0) first = digit;
      last = digit;
    }
    digit++;
  }
  return Math.ceil((first < 0 ? 0 : last - first + 1) / 2) + 1;
}

function base64Size(b: string): number {
  return Math.floor((b.length * 3) / 4) - (b.endsWith('==') ? 2 : b.endsWith('=') ? 1 : 0);
}

/** Sizes are derived fields: a wrong-typed override counts as its JSON text, and validation reports it by path. */
const text = (x: unknown): string => (typeof x === 'string' ? x : (JSON.stringify(x) ?? ''));
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

function valueSize(value: DynamodbAttributeValue): number {
  const v = (value ?? {}) as Record<string, unknown>;
  if (v.S !== undefined) return utf8Bytes(text(v.S));
  if (v.N !== undefined) return numberSize(text(v.N));
  if (v.B !== undefined) return base64Size(text(v.B));
  if (v.SS !== undefined) return list(v.SS).reduce<number>((sum, s) => sum + utf8Bytes(text(s)), 0);
  if (v.NS !== undefined) return list(v.NS).reduce<number>((sum, s) => sum + numberSize(text(s)), 0);
  if (v.BS !== undefined) return list(v.BS).reduce<number>((sum, s) => sum + base64Size(text(s)), 0);
  if (v.M !== undefined) return 3 + imageSize(v.M as Image) + Object.keys(v.M as Image).length;
  if (v.L !== undefined)
    return 3 + list(v.L).reduce<number>((sum, e) => sum + 1 + valueSize(e as DynamodbAttributeValue), 0);
  return 1;
}

/** DynamoDB's item size: attribute name lengths plus value sizes (the rule behind a stream record's SizeBytes). */
export function imageSize(image: Image | undefined): number {
  if (image === null || typeof image !== 'object') return 0;
  let size = 0;
  for (const name of Object.keys(image)) size += utf8Bytes(name) + valueSize(image[name] as DynamodbAttributeValue);
  return size;
}

/** Key schemas of the generated tables: a string id, a numeric id (as in AWS's samples), and composite keys. */
const KEY_STYLES: readonly (readonly string[])[] = [['id'], ['Id'], ['pk', 'sk'], ['customerId', 'orderId']];
const STATUSES = ['PENDING', 'PAID', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];
const TAGS = ['gift', 'express', 'fragile', 'priority', 'wholesale', 'promo'];

/** The principal of a REMOVE made by Time to Live. */
const TTL_DELETE = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

interface Defaults {
  readonly keyNames: readonly string[];
  readonly keys: Image;
  readonly newImage: Image;
  readonly oldImage: Image;
}

/** Default images of each build, kept until finalize (images are never merged with overrides: a given image is the item). */
const pending = new WeakMap<object, Defaults[]>();

function keyValues(ctx: GenerateContext, keyNames: readonly string[], customer: string): Image {
  const { random } = ctx;
  const id = random.uuid();
  if (keyNames[0] === 'pk') return { pk: { S: `CUSTOMER#${customer}` }, sk: { S: `ORDER#${id}` } };
  if (keyNames[0] === 'customerId') return { customerId: { S: customer }, orderId: { S: id } };
  if (keyNames[0] === 'Id') return { Id: { N: String(random.int(100, 9_999_999)) } };
  return { id: { S: id } };
}

const CITIES = ['Seattle', 'Dublin', 'Frankfurt', 'Tokyo', 'Sydney', 'São Paulo', 'Toronto', 'Mumbai'];

/** An attribute both images share, built afresh for each image (images never alias each other). */
type Shared = readonly [name: string, make: () => DynamodbAttributeValue];

/**
 * The attributes an order may carry besides its core, one per AttributeValue type the core lacks: a line list (L
 * of M), tags (SS), warehouses (NS), gift wrap (BOOL), a ship-to address (M), an etag (B) and label hashes (BS).
 * Each item draws a few, so items vary and every type appears across records.
 */
const EXTRAS: readonly ((random: GenerateContext['random'], products: readonly string[]) => Shared)[] = [
  (random, products) => {
    const sku = `SKU-${random.upperAlnum(8)}`;
    const name = random.pick(products);
    const quantity = String(random.int(1, 5));
    const price = (random.int(99, 49_999) / 100).toFixed(2);
    return [
      'lines',
      () => ({ L: [{ M: { sku: { S: sku }, name: { S: name }, quantity: { N: quantity }, price: { N: price } } }] }),
    ];
  },
  (random) => {
    const tag = random.pick(TAGS);
    const tags = random.bool(0.5) ? [tag] : [tag, TAGS[(TAGS.indexOf(tag) + 1) % TAGS.length] as string];
    return ['tags', () => ({ SS: tags.slice() })];
  },
  (random) => {
    const ids = random.bool(0.5) ? [String(random.int(1, 40))] : ['41', String(random.int(1, 40))];
    return ['warehouseIds', () => ({ NS: ids.slice() })];
  },
  (random) => {
    const giftWrap = random.bool(0.2);
    return ['giftWrap', () => ({ BOOL: giftWrap })];
  },
  (random) => {
    const city = random.pick(CITIES);
    const postcode = random.digits(5);
    return ['shipTo', () => ({ M: { city: { S: city }, postcode: { S: postcode } } })];
  },
  (random) => {
    const etag = random.bytes(12).toString('base64');
    return ['etag', () => ({ B: etag })];
  },
  (random) => {
    const hashes = [random.bytes(6).toString('base64'), random.bytes(9).toString('base64')];
    return ['labelHashes', () => ({ BS: hashes.slice() })];
  },
];

/**
 * The order after the change and before it (each only when `want`ed), and their sizes. An inserted order is new
 * (first status, version 1, created now). Core attributes (S, N; NULL on the old image) plus two or three extras.
 */
function orderImages(
  ctx: GenerateContext,
  keys: Image,
  keysSize: number,
  products: readonly string[],
  at: number,
  inserted: boolean,
  want: { newImage: boolean; oldImage: boolean },
): [Image | undefined, Image | undefined, number, number] {
  const { random } = ctx;
  const total = (random.int(500, 99_999) / 100).toFixed(2);
  const currency = random.pick(CURRENCIES);
  const version = random.int(1, 6);
  const statusIndex = random.int(1, STATUSES.length - 1);
  const shared: Shared[] = [];
  const first = random.int(0, EXTRAS.length - 1);
  const count = random.int(2, 3);
  for (let i = 0; i < count; i++)
    shared.push((EXTRAS[(first + i * 3) % EXTRAS.length] as (typeof EXTRAS)[number])(random, products));
  const createdMs = at - random.int(60_000, 86_400_000);
  // The shared part's size, once: currency and total, the extras.
  let sharedSize = 8 + utf8Bytes(currency) + 5 + numberSize(total);
  for (const [name, make] of shared) sharedSize += utf8Bytes(name) + valueSize(make());
  const image = (status: string, createdAt: string, updatedAt: string, itemVersion: number): [Image, number] => {
    const out = copyKeys(keys);
    out.currency = { S: currency };
    out.total = { N: total };
    for (const [name, make] of shared) out[name] = make();
    out.createdAt = { S: createdAt };
    out.status = { S: status };
    out.updatedAt = { S: updatedAt };
    const versionText = String(itemVersion);
    out.version = { N: versionText };
    // createdAt, updatedAt: 24-character ISO times.
    const size = keysSize + sharedSize + 9 + 24 + 6 + status.length + 9 + 24 + 7 + numberSize(versionText);
    return [out, size];
  };
  let oldImage: Image | undefined;
  let oldSize = 0;
  const created = new Date(createdMs).toISOString();
  if (want.oldImage) {
    [oldImage, oldSize] = image(STATUSES[statusIndex - 1] as string, created, created, version);
    oldImage.couponCode = { NULL: true };
    oldSize += 11;
  }
  let newImage: Image | undefined;
  let newSize = 0;
  if (want.newImage) {
    const now = new Date(at).toISOString();
    [newImage, newSize] = inserted
      ? image(STATUSES[0] as string, now, now, 1)
      : image(STATUSES[statusIndex] as string, created, now, version + 1);
  }
  return [newImage, oldImage, newSize, oldSize];
}

/** `2026-01-15T11:59:58.123`: a stream's label, the time it was enabled. */
function streamLabel(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, -1);
}

/** Writes an own data property, so an attribute named `__proto__` stays an attribute. */
function setOwn(target: object, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

/** A given image or key set: AttributeValues kept (binary as base64), plain values marshalled. */
function marshalled(value: unknown): Image {
  if (!isPlainObject(value)) return {};
  return (isMarshalled(value) ? copyAttributeValues(value) : marshallMap(value)) as Image;
}

/** Marshalls maps and lists here (keeping every key as data) and leaves to @aws-sdk/util-dynamodb. */
function marshallMap(map: Record<string, unknown>): Image {
  const out: Image = {};
  for (const key of Object.keys(map)) if (map[key] !== undefined) setOwn(out, key, marshallValue(map[key]));
  return out;
}

function marshallValue(value: unknown): DynamodbAttributeValue {
  if (isPlainObject(value)) return { M: marshallMap(value) };
  if (Array.isArray(value)) return { L: value.filter((v) => v !== undefined).map(marshallValue) };
  return marshallImage({ value }).value as DynamodbAttributeValue;
}

function copyAttributeValues(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(copyAttributeValues);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, copyAttributeValues(v));
    return out;
  }
  return value;
}

function isKeyValue(value: DynamodbAttributeValue | undefined): boolean {
  if (value === undefined) return false;
  const v = value as Record<string, unknown>;
  return (typeof v.S === 'string' && v.S !== '') || typeof v.N === 'string' || (typeof v.B === 'string' && v.B !== '');
}

/** The table's key attributes of a given image; else its first scalar attribute (name a custom key first). */
function keysOf(image: Image, keyNames: readonly string[]): Image | undefined {
  if (keyNames.every((name) => isKeyValue(image[name]))) {
    return Object.fromEntries(keyNames.map((name) => [name, image[name] as DynamodbAttributeValue]));
  }
  const first = Object.keys(image).find((name) => isKeyValue(image[name]));
  return first === undefined ? undefined : { [first]: image[first] as DynamodbAttributeValue };
}

function copyKeys(keys: Image): Image {
  const out: Image = {};
  for (const name of Object.keys(keys)) setOwn(out, name, Object.assign({}, keys[name]));
  return out;
}

function assignOwn(target: Image, source: Image): Image {
  for (const name of Object.keys(source)) setOwn(target, name, source[name]);
  return target;
}

/** The item with `keys` as its key attributes: default key attributes replaced, given ones kept. */
function withKeys(image: Image, keys: Image, replace: readonly string[]): Image {
  const rest: Image = {};
  for (const name of Object.keys(image)) if (!replace.includes(name)) setOwn(rest, name, image[name]);
  return assignOwn(copyKeys(keys), rest);
}

function removed(overrides: unknown, ...path: (string | number)[]): boolean {
  let current: unknown = overrides;
  for (const segment of path.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  const last = path[path.length - 1] as string;
  return isPlainObject(current) && Object.hasOwn(current, last) && current[last] === undefined;
}

const WINDOW_SECONDS = [60, 120, 300, 900];

export const definition = defineEvent<DynamodbStreamEvent, DynamodbStreamOverrides, DynamodbStreamVariant>({
  id: 'dynamodb-stream',
  title: 'Amazon DynamoDB Streams',
  invocation: 'poll',
  variants: [
    'new-and-old-images',
    'insert',
    'modify',
    'remove',
    'keys-only',
    'new-image',
    'old-image',
    'tumbling-window',
  ],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html',
  referenceVariants: { INSERT: 'insert' },
  records: { key: 'Records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const table = resourceName(random, 'orders');
    const streamArn = arn(
      scope,
      'dynamodb',
      `table/${table}/stream/${streamLabel(ctx.now - random.int(86_400_000, 400 * 86_400_000))}`,
    );
    const { view, eventName: fixedName } = variantShape(ctx.variant);
    const keyNames = random.pick(KEY_STYLES);
    const products = fakerWords('commerce.product_name.product');
    const customers = Array.from({ length: random.int(1, 3) }, () => `cus_${random.alnum(10)}`);
    let sequence = BigInt(`${random.int(1, 9)}${random.digits(20)}`);
    let created = Math.floor(ctx.now / 1000) - random.int(1, 60);
    const tumbling = ctx.variant === 'tumbling-window';
    const windowSeconds = tumbling ? random.pick(WINDOW_SECONDS) : 0;
    const windowStart = tumbling ? Math.floor(created / windowSeconds) * windowSeconds : 0;
    // Without overrides every record is final here; with them, both default images wait for finalize.
    const plain = ctx.overrides === undefined;
    const defaults: Defaults[] = [];
    const Records = new Array<Record<string, unknown>>(ctx.records);
    for (let r = 0; r < ctx.records; r++) {
      sequence += BigInt(random.int(1, 99_999_999));
      created += random.int(0, 1);
      if (tumbling) created = Math.min(created, windowStart + windowSeconds - 1);
      const keys = keyValues(ctx, keyNames, random.pick(customers));
      const eventName = fixedName ?? (random.bool(0.4) ? 'INSERT' : random.bool(0.75) ? 'MODIFY' : 'REMOVE');
      const want = plain ? carriesImages(eventName, view) : { newImage: true, oldImage: true };
      const keysSize = imageSize(keys);
      const [newImage, oldImage, newSize, oldSize] = orderImages(
        ctx,
        keys,
        keysSize,
        products,
        created * 1000,
        eventName === 'INSERT',
        want,
      );
      const data: Record<string, unknown> = { ApproximateCreationDateTime: created };
      if (plain) {
        data.Keys = keys;
        if (newImage !== undefined) data.NewImage = newImage;
        if (oldImage !== undefined) data.OldImage = oldImage;
        data.SequenceNumber = sequence.toString();
        data.SizeBytes = keysSize + newSize + oldSize;
      } else {
        defaults.push({ keyNames, keys, newImage: newImage as Image, oldImage: oldImage as Image });
        data.SequenceNumber = sequence.toString();
        data.SizeBytes = 1;
      }
      data.StreamViewType = view;
      const record: Record<string, unknown> = {
        eventID: random.hex(32),
        eventName,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: scope.region,
        dynamodb: data,
        eventSourceARN: streamArn,
      };
      if (eventName === 'REMOVE' && random.bool(0.2)) record.userIdentity = { ...TTL_DELETE };
      Records[r] = record;
    }
    if (!plain) pending.set(ctx, defaults);
    if (!tumbling) return { Records };
    const state: Record<string, number> = {};
    if (random.bool(0.5)) for (const customer of customers) state[customer] = random.int(1, 500);
    return {
      Records,
      window: { start: isoSeconds(windowStart * 1000), end: isoSeconds((windowStart + windowSeconds) * 1000) },
      state,
      shardId: `shardId-${random.digits(20)}-${random.hex(8)}`,
      eventSourceARN: streamArn,
      isFinalInvokeForWindow: random.bool(0.2),
      isWindowTerminatedEarly: false,
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    if (overrides === undefined) return;
    const defaults = pending.get(ctx) ?? [];
    pending.delete(ctx);
    const adapts = variantShape(ctx.variant).eventName === undefined;
    (event.Records as Record<string, unknown>[]).forEach((record, i) => {
      const at = (...path: string[]) => overridden(overrides, 'Records', i, 'dynamodb', ...path);
      const data = record.dynamodb as Record<string, unknown>;
      const base = defaults[i] as Defaults;
      const givenKeys = at('Keys') ? marshalled(data.Keys) : undefined;
      const givenNew = at('NewImage') ? marshalled(data.NewImage) : undefined;
      const givenOld = at('OldImage') ? marshalled(data.OldImage) : undefined;
      if (adapts && !overridden(overrides, 'Records', i, 'eventName')) {
        if (givenNew && givenOld) record.eventName = 'MODIFY';
        else if (givenNew && record.eventName === 'REMOVE') record.eventName = 'MODIFY';
        else if (givenOld && record.eventName === 'INSERT') record.eventName = 'MODIFY';
      }
      if (record.eventName !== 'REMOVE' && !overridden(overrides, 'Records', i, 'userIdentity'))
        delete record.userIdentity;
      const keys = givenKeys ?? keysOf(givenNew ?? givenOld ?? {}, base.keyNames) ?? base.keys;
      const carries = carriesImages(String(record.eventName), String(data.StreamViewType));
      const image = (given: Image | undefined, fallback: Image) =>
        given ? assignOwn(copyKeys(keys), given) : withKeys(fallback, keys, base.keyNames);
      data.Keys = copyKeys(keys);
      if (carries.newImage && !removed(overrides, 'Records', i, 'dynamodb', 'NewImage'))
        data.NewImage = image(givenNew, base.newImage);
      else delete data.NewImage;
      if (carries.oldImage && !removed(overrides, 'Records', i, 'dynamodb', 'OldImage'))
        data.OldImage = image(givenOld, base.oldImage);
      else delete data.OldImage;
      if (!at('SizeBytes')) {
        data.SizeBytes =
          imageSize(data.Keys as Image) + imageSize(data.NewImage as Image) + imageSize(data.OldImage as Image);
      }
      if (overridden(overrides, 'Records', i, 'awsRegion') && !overridden(overrides, 'Records', i, 'eventSourceARN')) {
        record.eventSourceARN = arnWithRegion(String(record.eventSourceARN), String(record.awsRegion));
      }
    });
    const first = (event.Records as Record<string, unknown>[])[0];
    if ('eventSourceARN' in event && !overridden(overrides, 'eventSourceARN') && first !== undefined)
      event.eventSourceARN = first.eventSourceARN;
  },
});
