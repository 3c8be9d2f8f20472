// Handler fixtures for the harness tests: one export per behaviour.

export const ok = async (event) => ({ ok: true, echo: event });

export const nothing = async () => undefined;

export const fail = async () => {
  throw new TypeError('boom');
};

export const throwString = async () => {
  throw 'plain string';
};

export const hang = () => new Promise(() => {});

export const slow = async () => {
  await new Promise((r) => setTimeout(r, 30));
  return 'slow';
};

export const logs = async (event) => {
  console.log('hello', event.name);
  console.error('oops');
  process.stdout.write('raw line\n');
  return 'logged';
};

export const env = async () => ({
  region: process.env.AWS_REGION,
  name: process.env.AWS_LAMBDA_FUNCTION_NAME,
  custom: process.env.CUSTOM,
});

export function callbackOk(_event, _context, callback) {
  callback(null, { via: 'callback' });
}

export function callbackError(_event, _context, callback) {
  callback(new Error('callback failed'));
}

/** Flaky: fails while `event.failUntil` > attempts seen for this request id. */
const seen = new Map();
export const flaky = async (event, context) => {
  const n = (seen.get(context.awsRequestId) ?? 0) + 1;
  seen.set(context.awsRequestId, n);
  if (n <= (event.failUntil ?? 0)) throw new Error(`attempt ${n} failed`);
  return { attempt: n };
};

export const http = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'text/plain' },
  body: `hello ${event.path ?? '/'}`,
});
