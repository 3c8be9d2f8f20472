import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { setOwn } from './own.ts';

const require = createRequire(import.meta.url);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** MD5 of the UTF-8 text as lower-case hex (SQS `md5OfBody`). */
export function md5Hex(text: string): string {
  return oneShotHash ? oneShotHash('md5', text, 'hex') : createHash('md5').update(text, 'utf8').digest('hex');
}

export function toBase64(value: string | Uint8Array): string {
  return typeof value === 'string'
    ? Buffer.from(value, 'utf8').toString('base64')
    : Buffer.from(value).toString('base64');
}

/** base64(gzip(JSON)) — the encoding of CloudWatch Logs subscription data. */
export function gzipBase64Json(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

export function gunzipBase64Json(value: string): unknown {
  return JSON.parse(gunzipSync(Buffer.from(value, 'base64')).toString('utf8'));
}

/** A body AWS carries as a string: strings pass through, anything else is JSON-encoded. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A data blob AWS carries base64-encoded (Kinesis, Firehose): bytes as they are, a string as UTF-8, else JSON. */
export function blobToBase64(value: unknown): string {
  return toBase64(value instanceof Uint8Array ? value : asText(value));
}

/** Byte length of a string in UTF-8, as AWS counts payload sizes. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * S3 notification key encoding: form-URL-encoded (space → `+`), `/` kept, other reserved and non-ASCII
 * characters percent-encoded in UTF-8. See docs/decisions/s3-key-encoding.md.
 */
export function s3EncodeKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function s3DecodeKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

type DynamoUtil = typeof import('@aws-sdk/util-dynamodb');
let dynamo: DynamoUtil | undefined;
function dynamoUtil(): DynamoUtil {
  dynamo ??= require('@aws-sdk/util-dynamodb') as DynamoUtil;
  return dynamo;
}

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);

/** True when every value of `image` already is a DynamoDB AttributeValue (`{S: "x"}`, `{N: "1"}`, …). */
export function isMarshalled(image: unknown): boolean {
  if (image === null || typeof image !== 'object' || Array.isArray(image)) return false;
  const values = Object.values(image);
  return values.every((v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const keys = Object.keys(v);
    return keys.length === 1 && ATTRIBUTE_TYPES.has(keys[0] as string);
  });
}

/** Plain object → DynamoDB stream image (AttributeValues; binary as base64 as the stream JSON carries it). */
export function marshallImage(image: Record<string, unknown>): Record<string, unknown> {
  if (isMarshalled(image)) return image;
  const marshalled = dynamoUtil().marshall(image, { removeUndefinedValues: true, convertClassInstanceToMap: true });
  return binaryToBase64(marshalled) as Record<string, unknown>;
}

export function unmarshallImage(image: Record<string, unknown>): Record<string, unknown> {
  return dynamoUtil().unmarshall(base64ToBinary(image) as never);
}

function binaryToBase64(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set) return [...value].map(binaryToBase64);
  if (Array.isArray(value)) return value.map(binaryToBase64);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, binaryToBase64(v));
    return out;
  }
  return value;
}

function base64ToBinary(value: unknown, key?: string): unknown {
  if (key === 'B' && typeof value === 'string') return Buffer.from(value, 'base64');
  if (key === 'BS' && Array.isArray(value)) return value.map((v) => Buffer.from(String(v), 'base64'));
  if (Array.isArray(value)) return value.map((v) => base64ToBinary(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, base64ToBinary(v, k));
    return out;
  }
  return value;
}

/** One SQS message attribute as the Lambda event carries it. */
export interface SqsAttributeValue {
  dataType: string;
  stringValue?: string;
  binaryValue?: string;
  stringListValues?: string[];
  binaryListValues?: string[];
}

/** SQS's MD5 of message attributes: names sorted, each field length-prefixed, transport byte 1 string / 2 binary. */
export function sqsMessageAttributesMd5(attributes: Record<string, SqsAttributeValue>): string {
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name] as SqsAttributeValue;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(attribute.dataType, 'utf8'));
    if (attribute.dataType.startsWith('Binary')) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(Buffer.from(attribute.binaryValue ?? '', 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(attribute.stringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
