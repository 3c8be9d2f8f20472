import { addHeader, clientResponse, type HeaderList, isRecord, isStatusCode, readHeaders } from './http-response.ts';
import type { FrontEndClientResponse } from './types.ts';

/**
 * Reads a payload-2.0 response (HTTP API and function URLs); `undefined` when malformed.
 * Without `statusCode` the whole result is the JSON body of a 200 (AWS: "assumes a 200 status code and treats
 * the entire response as the body"). A plain string is the body as-is (`unquoted`) or its JSON text (`quoted`).
 */
export function readPayloadV2(
  response: unknown,
  stringResult: 'quoted' | 'unquoted',
): FrontEndClientResponse | undefined {
  if (!isRecord(response) || !('statusCode' in response)) {
    const headers: HeaderList = new Map([['content-type', ['application/json']]]);
    const body =
      typeof response === 'string' && stringResult === 'unquoted' ? response : (JSON.stringify(response) ?? 'null');
    return clientResponse(200, headers, body);
  }
  if (!isStatusCode(response.statusCode)) return undefined;
  const { body, isBase64Encoded, cookies } = response;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return undefined;
  }
  const headers: HeaderList = new Map();
  if (!readHeaders(response.headers, headers, 'append')) return undefined;
  let cookieList: string[] | undefined;
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || !cookies.every((c): c is string => typeof c === 'string')) return undefined;
    cookieList = cookies;
    for (const cookie of cookies) addHeader(headers, 'set-cookie', cookie);
  }
  return clientResponse(response.statusCode, headers, body ?? '', {
    base64: isBase64Encoded === true,
    ...(cookieList ? { cookies: cookieList } : {}),
  });
}
