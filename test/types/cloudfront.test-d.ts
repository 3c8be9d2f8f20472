import type { CloudFrontRequestEvent, CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type CloudFrontEdgeGeneratedResponse, cloudfrontEvent } from '../../src/index.ts';

expectTypeOf(cloudfrontEvent()).toExtend<CloudFrontRequestEvent>();
expectTypeOf(cloudfrontEvent(undefined, { variant: 'origin-request' })).toExtend<CloudFrontRequestEvent>();
expectTypeOf(cloudfrontEvent(undefined, { variant: 'origin-response' })).toExtend<CloudFrontResponseEvent>();
expectTypeOf(cloudfrontEvent(undefined, { variant: 'viewer-response' })).toExtend<CloudFrontResponseEvent>();
expectTypeOf<CloudFrontEdgeGeneratedResponse>().toExtend<CloudFrontResultResponse>();
// @ts-expect-error an unknown trigger is a type error
cloudfrontEvent(undefined, { variant: 'edge-request' });
