import { createRequire } from 'node:module';
import { arn, awsScope, fakerWords, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { isPlainObject, overridden } from '../../src/core/overrides.ts';
import type { DocumentdbOverrides, DocumentdbVariant } from './index.ts';
import { documentdbRules } from './rules.ts';
import type { DocumentdbEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * The resume token `_data` as DocumentDB prints it: `01`, the cluster time (`t`, `i`) as hex, then an opaque tail
 * (the AWS guide's `0163eeb6e7000000090100000009000041e1` is t=0x63eeb6e7, i=9). See docs/decisions/documentdb-event.md.
 */
export function resumeToken(t: number, i: number, tail: string): string {
  return `01${hex8(t)}${hex8(i)}01${hex8(i)}${tail}`;
}

const COLLECTIONS = ['orders', 'customers', 'products', 'invoices', 'sessions'];
const STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];

export const definition = defineEvent<DocumentdbEvent, DocumentdbOverrides, DocumentdbVariant>({
  id: 'documentdb',
  title: 'Amazon DocumentDB change streams',
  invocation: 'poll',
  variants: ['insert', 'update', 'replace', 'delete', 'update-lookup'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-documentdb.html',
  records: { key: 'events', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules: documentdbRules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const cluster = `${resourceName(random, 'cluster')}-${random.alnum(12).toLowerCase()}`;
    const db = `${random.pick(['shop', 'app', 'billing', 'catalog'])}_${random.pick(['prod', 'db', 'main'])}`;
    const coll = random.pick(COLLECTIONS);
    const products = fakerWords('commerce.product_name.product');
    // update-lookup: an update from a mapping with FullDocument UpdateLookup, carrying the current document.
    const lookup = ctx.variant === 'update-lookup';
    const op = lookup ? 'update' : ctx.variant;
    let t = Math.floor(ctx.now / 1000) - random.int(1, 60);
    let inc = random.int(1, 20);
    const events = Array.from({ length: ctx.records }, () => {
      if (random.bool(0.3)) {
        t += random.int(1, 3);
        inc = 1;
      } else inc++;
      // An ObjectId starts with its creation time in seconds.
      const oid = `${hex8(op === 'insert' ? t : t - random.int(60, 86_400 * 30))}${random.hex(16)}`;
      const document = {
        _id: { $oid: oid },
        customerId: `cus_${random.alnum(14)}`,
        status: random.pick(STATUSES),
        amount: random.int(100, 99_999) / 100,
        product: random.pick(products),
        updatedAt: { $date: new Date(t * 1000).toISOString() },
      };
      const event: Record<string, unknown> = {
        _id: { _data: resumeToken(t, inc, random.hex(8)) },
        clusterTime: { $timestamp: { t, i: inc } },
        documentKey: { _id: { $oid: oid } },
        ns: { db, coll },
        operationType: op,
      };
      if (op === 'insert' || op === 'replace' || lookup) event.fullDocument = document;
      if (op === 'update') {
        event.updateDescription = {
          updatedFields: { status: document.status, updatedAt: document.updatedAt },
          removedFields: random.bool(0.2) ? ['couponCode'] : [],
        };
      }
      return { event };
    });
    return { eventSourceArn: arn(scope, 'rds', `cluster:${cluster}`), events, eventSource: 'aws:docdb' };
  },
  finalize(event, ctx) {
    const events = event.events as Record<string, unknown>[];
    events.forEach((record, i) => {
      const change = record.event;
      if (!isPlainObject(change)) return;
      const given = (...path: string[]) => overridden(ctx.overrides, 'events', i, 'event', ...path);
      const time = isPlainObject(change.clusterTime) ? change.clusterTime.$timestamp : undefined;
      if (given('clusterTime') && !given('_id') && isPlainObject(time) && isPlainObject(change._id)) {
        const previous = String(change._id._data ?? '');
        change._id._data = resumeToken(Number(time.t), Number(time.i), previous.slice(-8) || '00000000');
      }
      const full = change.fullDocument;
      if (given('fullDocument') && isPlainObject(full)) {
        const key = isPlainObject(change.documentKey) ? change.documentKey._id : undefined;
        if (full._id === undefined && key !== undefined) {
          change.fullDocument = { _id: key, ...full };
        } else if (full._id !== undefined && !given('documentKey')) change.documentKey = { _id: full._id };
      }
      // A changed operation type drops what that operation does not carry (unless the caller set it).
      if (given('operationType')) {
        if (change.operationType !== 'update' && !given('updateDescription')) delete change.updateDescription;
        if ((change.operationType === 'delete' || change.operationType === 'update') && !given('fullDocument'))
          delete change.fullDocument;
      }
    });
  },
});
