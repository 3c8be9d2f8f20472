import { format } from 'node:util';
import { realSetImmediate } from './real-clock.ts';

/**
 * Captures what a handler writes (console.* and process.stdout/stderr) per invocation, in the Lambda Node.js
 * runtime's text format (`<ISO time>\t<requestId>\t<LEVEL>\t<message>`). The patch is installed once per
 * simulation (or per sync invoke) and routes writes to the active invocation's buffer.
 */

/** The buffer of one invocation. */
export interface LogSink {
  requestId: string;
  chunks: string[];
  passthrough: boolean;
}

let installs = 0;
let active: LogSink | undefined;
const sinks: LogSink[] = [];
const LEVELS = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
] as const;

type ConsoleMethod = (...args: unknown[]) => void;
type Write = typeof process.stdout.write;
let saved: { console: Record<string, ConsoleMethod>; out: Write; err: Write } | undefined;
let uninstallScheduled = false;

function line(sink: LogSink, level: string, args: unknown[]): string {
  return `${new Date().toISOString()}\t${sink.requestId}\t${level}\t${format(...args)}\n`;
}

// The patches are built once; they write to the active sink or fall through to what was there before.
const patches: Record<string, ConsoleMethod> = {};
for (const [method, level] of LEVELS) {
  patches[method] = (...args: unknown[]) => {
    const sink = active;
    const orig = saved?.console[method];
    if (sink === undefined) return orig?.apply(console, args);
    sink.chunks.push(line(sink, level, args));
    if (sink.passthrough) orig?.apply(console, args);
  };
}

function writer(which: 'out' | 'err'): Write {
  return function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    const sink = active;
    const stream = which === 'out' ? process.stdout : process.stderr;
    const orig = (saved?.[which] ?? stream.write) as (...a: unknown[]) => boolean;
    if (sink === undefined) return orig.call(stream, chunk, ...rest);
    sink.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    if (sink.passthrough) return orig.call(stream, chunk, ...rest);
    const cb = rest[rest.length - 1];
    if (typeof cb === 'function') process.nextTick(cb as () => void);
    return true;
  } as Write;
}
const outPatch = writer('out');
const errPatch = writer('err');

function install(): void {
  if (saved !== undefined) return;
  const con = console as unknown as Record<string, ConsoleMethod>;
  const original: Record<string, ConsoleMethod> = {};
  for (const [method] of LEVELS) {
    original[method] = con[method] as ConsoleMethod;
    con[method] = patches[method] as ConsoleMethod;
  }
  saved = { console: original, out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = outPatch;
  process.stderr.write = errPatch;
}

function uninstall(): void {
  uninstallScheduled = false;
  if (saved === undefined || installs > 0) return;
  const con = console as unknown as Record<string, ConsoleMethod>;
  // Only undo our own patch: a spy installed meanwhile (vi.spyOn) stays in place.
  for (const [method] of LEVELS)
    if (con[method] === patches[method]) con[method] = saved.console[method] as ConsoleMethod;
  if (process.stdout.write === outPatch) process.stdout.write = saved.out;
  if (process.stderr.write === errPatch) process.stderr.write = saved.err;
  saved = undefined;
}

/**
 * Keeps the patch installed until the returned function is called (nestable). The patch is removed on the next
 * macrotask after the last release, so back-to-back invocations patch once; outside an invocation it only forwards.
 */
export function holdLogCapture(): () => void {
  installs++;
  install();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--installs === 0 && !uninstallScheduled) {
      uninstallScheduled = true;
      realSetImmediate(uninstall).unref();
    }
  };
}

/** Routes writes to `sink` until `endCapture(sink)` (the latest active invocation wins); no closure per call. */
export function beginCapture(sink: LogSink): void {
  installs++;
  install();
  sinks.push(sink);
  active = sink;
}

/** Stops routing writes to `sink` (started by `beginCapture`); the patch goes once nothing holds it. */
export function endCapture(sink: LogSink): void {
  if (sinks[sinks.length - 1] === sink) sinks.pop();
  else {
    const at = sinks.lastIndexOf(sink);
    if (at === -1) return;
    sinks.splice(at, 1);
  }
  active = sinks[sinks.length - 1];
  if (--installs === 0 && !uninstallScheduled) {
    uninstallScheduled = true;
    realSetImmediate(uninstall).unref();
  }
}

/** Routes writes to `sink` until the returned function is called (the latest active invocation wins). */
export function captureInto(sink: LogSink): () => void {
  beginCapture(sink);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    endCapture(sink);
  };
}

/** The last `bytes` bytes of `text`, base64 (the `LogResult` of a `Tail` invoke, aws-behaviour §1.1). */
export function base64Tail(text: string, bytes = 4096): string {
  const buf = Buffer.from(text, 'utf8');
  return (buf.length > bytes ? buf.subarray(buf.length - bytes) : buf).toString('base64');
}
