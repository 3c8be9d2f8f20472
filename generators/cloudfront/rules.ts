import type { PathSegment } from '../../src/contracts/schema.ts';
import { defineRule, type RuleFinding, show } from '../../src/contracts/rules.ts';
import type { CloudFrontEdgeEvent, CloudFrontEdgeGeneratedResponse, CloudFrontEdgeHeaders } from './types.gen.ts';

type Event = CloudFrontEdgeEvent;

/** The largest response body a function generates: 1 MB on origin events (40 KB on viewer events). */
export const MAX_GENERATED_BODY = 1024 * 1024;
/** The viewer-event limit, documented: the response contract cannot see which trigger answered. */
export const MAX_VIEWER_GENERATED_BODY = 40 * 1024;

function checkHeaders(
  report: (f: RuleFinding) => void,
  path: PathSegment[],
  headers: CloudFrontEdgeHeaders | undefined,
) {
  for (const [name, lines] of Object.entries(headers ?? {})) {
    lines.forEach((line, i) => {
      if (line.key.toLowerCase() !== name)
        report({
          path: [...path, name, i, 'key'],
          expected: `a header name whose lower case is the map key ${show(name)}`,
          received: show(line.key),
        });
    });
  }
}

const headerMapKeys = defineRule<Event>({
  id: 'header-map-keys',
  description:
    'each header map key is the lower case of the key of every line under it (request, response, origin custom headers)',
  check(event, report) {
    event.Records.forEach((record, r) => {
      const cf = record.cf;
      checkHeaders(report, ['Records', r, 'cf', 'request', 'headers'], cf.request.headers);
      if (cf.response !== undefined)
        checkHeaders(report, ['Records', r, 'cf', 'response', 'headers'], cf.response.headers);
      const origin = cf.request.origin as
        | { custom?: { customHeaders: CloudFrontEdgeHeaders }; s3?: { customHeaders: CloudFrontEdgeHeaders } }
        | undefined;
      const kind = origin?.custom !== undefined ? 'custom' : 's3';
      const custom = origin?.custom?.customHeaders ?? origin?.s3?.customHeaders;
      if (custom !== undefined)
        checkHeaders(report, ['Records', r, 'cf', 'request', 'origin', kind, 'customHeaders'], custom);
    });
  },
});

const eventTypeMatchesShape = defineRule<Event>({
  id: 'event-type-matches-shape',
  description:
    'response is present exactly on viewer-response and origin-response; origin on origin-request and origin-response only (required on origin-request); body on request events only',
  check(event, report) {
    event.Records.forEach((record, r) => {
      const { config, request, response } = record.cf;
      const type = config.eventType;
      const responsePhase = type.endsWith('-response');
      const at = (...p: PathSegment[]): PathSegment[] => ['Records', r, 'cf', ...p];
      if ((response !== undefined) !== responsePhase)
        report({
          path: at('response'),
          expected: responsePhase ? `the response on ${type}` : `no response on ${type} (config.eventType)`,
          received: response === undefined ? 'nothing' : 'a response',
        });
      const origin = request.origin !== undefined;
      if (type === 'origin-request' ? !origin : origin && type.startsWith('viewer'))
        report({
          path: at('request', 'origin'),
          expected: origin ? `no origin on ${type} (config.eventType)` : 'the origin on origin-request',
          received: origin ? 'an origin' : 'nothing',
        });
      if (request.body !== undefined && responsePhase)
        report({ path: at('request', 'body'), expected: `no request body on ${type}`, received: 'a body' });
    });
  },
});

export const rules = [headerMapKeys, eventTypeMatchesShape];

const generatedBodySize = defineRule<CloudFrontEdgeGeneratedResponse>({
  id: 'generated-body-size',
  description: 'a generated response body is at most 1 MB (origin events; 40 KB on viewer events)',
  check(result, report) {
    if (typeof result.body !== 'string' || !('status' in result)) return;
    const size = Buffer.byteLength(result.body, 'utf8');
    if (size > MAX_GENERATED_BODY)
      report({
        path: ['body'],
        expected: `at most ${MAX_GENERATED_BODY} bytes (Lambda@Edge limit on origin events; ${MAX_VIEWER_GENERATED_BODY} on viewer events)`,
        received: `${size} bytes`,
      });
  },
});

const resultHeaderKeys = defineRule<CloudFrontEdgeGeneratedResponse>({
  id: 'result-header-keys',
  description: 'each header map key of the answer is the lower case of the keys under it',
  check(result, report) {
    for (const [name, lines] of Object.entries(result.headers ?? {}))
      lines.forEach((line, i) => {
        if (line.key !== undefined && line.key.toLowerCase() !== name)
          report({
            path: ['headers', name, i, 'key'],
            expected: `a header name whose lower case is ${show(name)}`,
            received: show(line.key),
          });
      });
  },
});

export const responseRules = [generatedBodySize, resultHeaderKeys];
