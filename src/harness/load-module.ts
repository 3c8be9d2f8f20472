import { fileURLToPath, pathToFileURL } from 'node:url';
import { ScenarioError } from './errors.ts';

const TS = /\.[cm]?tsx?$/;

/** How long a handler module may take to load (its top-level await included) by default. */
export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;

/** `file:line:column: reason` of a syntax error, from esbuild's (tsx) or V8's (node) error, if it has one. */
export function syntaxLocation(cause: unknown): string | undefined {
  const error = cause as { errors?: { text?: string; location?: { file?: string; line?: number; column?: number } }[] };
  const first = Array.isArray(error?.errors) ? error.errors[0] : undefined;
  if (first?.location?.line !== undefined) {
    const { file, line, column } = first.location;
    return `${file}:${line}:${(column ?? 0) + 1}: ${first.text ?? 'syntax error'}`;
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  const esbuild = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (esbuild !== null) return `${esbuild[1]}:${esbuild[2]}:${Number(esbuild[3]) + 1}: ${esbuild[4]}`;
  if (cause instanceof SyntaxError) {
    const where = /^(file:\/\/\S+?|\/\S+?):(\d+)(?::(\d+))?$/m.exec(cause.stack ?? '');
    if (where !== null) {
      const file = where[1]?.startsWith('file://') ? fileURLToPath(where[1]) : where[1];
      return `${file}:${where[2]}${where[3] === undefined ? '' : `:${where[3]}`}: ${cause.message}`;
    }
  }
  return undefined;
}

/**
 * Imports a handler module (`.ts` through tsx). A load error becomes one ScenarioError line keeping a syntax
 * error's file:line:column; a module whose top-level await does not settle within `timeoutMs` is an error too.
 */
/** `query` (e.g. `?lambda-harness-init=2`) makes the loader evaluate a fresh instance of the module. */
export async function importModule(
  path: string,
  shown: string,
  timeoutMs: number,
  query = '',
): Promise<Record<string, unknown>> {
  const url = `${pathToFileURL(path).href}${query}`;
  let timer: NodeJS.Timeout | undefined;
  const load = (async () => {
    if (TS.test(path)) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(url)) as Record<string, unknown>;
  })();
  // A pending timer keeps the process alive: without it, a top-level await that never settles exits 13 silently.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ScenarioError(
            'handler',
            `${shown} did not finish loading within ${timeoutMs} ms: does a top-level await never settle?`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([load, timeout]);
  } catch (cause) {
    if (cause instanceof ScenarioError) throw cause;
    const located = syntaxLocation(cause);
    const reason = located ?? (cause instanceof Error ? cause.message : String(cause));
    throw new ScenarioError('handler', `cannot load ${shown}: ${reason.replace(/\s*\n\s*/g, ' ')}`, { cause });
  } finally {
    clearTimeout(timer);
  }
}
