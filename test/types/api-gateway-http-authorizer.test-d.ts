import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayIAMAuthorizerResult,
  APIGatewaySimpleAuthorizerResult,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type ApiGatewayHttpAuthorizerIamResult,
  type ApiGatewayHttpAuthorizerSimpleResult,
  apiGatewayHttpAuthorizerEvent,
} from '../../src/index.ts';

expectTypeOf(apiGatewayHttpAuthorizerEvent()).toExtend<Omit<APIGatewayRequestAuthorizerEventV2, 'cookies'>>();
expectTypeOf(apiGatewayHttpAuthorizerEvent().identitySource).toEqualTypeOf<string[]>();
expectTypeOf(apiGatewayHttpAuthorizerEvent(undefined, { variant: 'v1' }).identitySource).toEqualTypeOf<string>();
expectTypeOf(apiGatewayHttpAuthorizerEvent(undefined, { variant: 'v1' }).methodArn).toBeString();
expectTypeOf<ApiGatewayHttpAuthorizerSimpleResult>().toExtend<APIGatewaySimpleAuthorizerResult>();
expectTypeOf<ApiGatewayHttpAuthorizerIamResult>().toExtend<APIGatewayIAMAuthorizerResult>();
// @ts-expect-error an unknown payload version is a type error
apiGatewayHttpAuthorizerEvent(undefined, { variant: 'v3' });
