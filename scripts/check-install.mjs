// npm run check:install — installs the packed tarball the way users do, in fresh temporary projects:
// 1. alone: no vitest, vite or @fast-check/vitest, at most MAX_MB installed, and the root entry and CLI work;
// 2. next to each vitest major (default 5; `--vitest=4.1.12,5.1.2` for both): matcher and property tests pass,
//    `import 'lambda-harness/vitest/setup'` types the matchers, a file without it does not type-check.
// Needs dist/ (built by `npm ci`) and the npm registry; a `--keep` run leaves the projects for inspection.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const MAX_MB = 25;
const FORBIDDEN = [
  'vitest',
  'vite',
  '@vitest',
  '@fast-check/vitest',
  'rolldown',
  '@rolldown',
  '@aws-sdk/client-dynamodb',
];
const FAST_CHECK_VITEST = '0.5.0';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const vitestVersions = (option('vitest') ?? '5.1.2').split(',');
const keep = args.includes('--keep');
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

const failures = [];
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const check = (ok, text) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  if (!ok) failures.push(text);
};

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function npmInstall(dir, specs) {
  const result = run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    dir,
  );
  if (result.code !== 0) throw new Error(`npm install ${specs.join(' ')} failed in ${dir}:\n${result.output}`);
}

function project(name, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const all = { 'package.json': JSON.stringify({ name, private: true, type: 'module' }), ...files };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

if (!existsSync(join(root, 'dist', 'src', 'index.js'))) {
  console.error('[lambda-harness] check:install packs dist/: run `npm run build` (or `npm ci`) first');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'lambda-harness-install-'));
try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  const tarball = join(work, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${(packed[0].size / 1024).toFixed(0)} KB, ${packed[0].entryCount} files`);

  // 1. Installed alone.
  const alone = project('alone', {
    'smoke.mjs': [
      "import { sqsEvent } from 'lambda-harness';",
      "import { fc, sqsArbitrary } from 'lambda-harness/arbitraries';",
      "import { dynamodbStreamEvent } from 'lambda-harness';",
      'fc.assert(fc.property(sqsArbitrary(), (e) => e.Records.length > 0), { numRuns: 3 });',
      "const image = dynamodbStreamEvent({ Records: [{ dynamodb: { NewImage: { id: 'a', n: 1 } } }] }).Records[0].dynamodb.NewImage;",
      'if (JSON.stringify(image) !== \'{"id":{"S":"a"},"n":{"N":"1"}}\') throw new Error(JSON.stringify(image));',
      'console.log(sqsEvent().Records.length);',
    ].join('\n'),
  });
  npmInstall(alone, [tarball]);
  const present = FORBIDDEN.filter((name) => existsSync(join(alone, 'node_modules', name)));
  check(
    present.length === 0,
    `installed alone: no ${FORBIDDEN.join(', ')}${present.length ? ` (found ${present.join(', ')})` : ''}`,
  );
  const mb =
    Number(execFileSync('du', ['-sk', join(alone, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]) / 1024;
  const count =
    execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: alone, encoding: 'utf8' }).trim().split('\n').length - 1;
  check(mb <= MAX_MB, `installed alone: ${mb.toFixed(1)} MB (du), ${count} packages; at most ${MAX_MB} MB`);
  const smoke = run('node', ['smoke.mjs'], alone);
  check(
    smoke.code === 0,
    `installed alone: the root and arbitraries entries load and build events${smoke.code ? `\n${smoke.output}` : ''}`,
  );
  const cli = run('npx', ['--no-install', 'lambda-harness', 'generate', 'sqs'], alone);
  check(
    cli.code === 0 && JSON.parse(cli.output).Records.length > 0,
    'installed alone: npx lambda-harness generate sqs',
  );
  const noPeer = run('node', ['--input-type=module', '-e', "await import('lambda-harness/vitest/setup')"], alone);
  check(
    noPeer.code !== 0 && /Cannot find package 'vitest'/.test(noPeer.output),
    'installed alone: lambda-harness/vitest/setup names the missing vitest',
  );
  const setupLoads = packagesLoadedBy(
    join(alone, 'node_modules', 'lambda-harness', 'dist', 'src', 'vitest', 'setup.js'),
  );
  const entryLoads = packagesLoadedBy(
    join(alone, 'node_modules', 'lambda-harness', 'dist', 'src', 'vitest', 'index.js'),
  );
  check(
    setupLoads.join() === 'vitest' && entryLoads.includes('@fast-check/vitest'),
    `installed alone: lambda-harness/vitest/setup imports only ${setupLoads.join(', ')} (lambda-harness/vitest: ${entryLoads.join(', ')})`,
  );
  console.log(`(${elapsed()})`);

  // 2. Next to each vitest major.
  for (const version of vitestVersions) {
    const dir = project(`vitest-${version}`, consumerFiles(version));
    npmInstall(dir, [tarball, `vitest@${version}`, `@fast-check/vitest@${FAST_CHECK_VITEST}`]);
    const installed = JSON.parse(
      execFileSync('node', ['-p', "JSON.stringify(require('vitest/package.json').version)"], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
    const tests = run('npx', ['--no-install', 'vitest', 'run'], dir);
    const summary = tests.output.match(/Tests\s+(.*)/)?.[1]?.trim() ?? 'no summary';
    check(
      tests.code === 0,
      `vitest ${installed}: matcher and property tests (${summary})${tests.code ? `\n${tests.output}` : ''}`,
    );
    const typed = run('node', [tsc, '-p', 'tsconfig.json'], dir);
    check(
      typed.code === 0,
      `vitest ${installed}: tsc knows the matchers after import 'lambda-harness/vitest/setup'${typed.code ? `\n${typed.output}` : ''}`,
    );
    const viaTypes = run('node', [tsc, '-p', 'tsconfig.types.json'], dir);
    check(
      viaTypes.code === 0,
      `vitest ${installed}: tsc knows the matchers with "types": ["lambda-harness/vitest/setup"]${viaTypes.code ? `\n${viaTypes.output}` : ''}`,
    );
    const untyped = run('node', [tsc, '-p', 'tsconfig.untyped.json'], dir);
    check(
      untyped.code !== 0 && /Property 'toHaveSucceeded' does not exist/.test(untyped.output),
      `vitest ${installed}: without the import, tsc rejects the matchers`,
    );
    console.log(`(${elapsed()})`);
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`[lambda-harness] check:install: ${failures.length} failed`);
  process.exitCode = 1;
}

/** The packages a built module imports statically, following its relative imports (chunks). */
function packagesLoadedBy(file, seen = new Set()) {
  const packages = new Set();
  if (seen.has(file)) return [];
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(
    /(?:^|\n)\s*(?:import|export)[^'"]*?["']([^'"]+)["']/g,
  )) {
    if (specifier.startsWith('.'))
      for (const name of packagesLoadedBy(join(dirname(file), specifier), seen)) packages.add(name);
    else if (!specifier.startsWith('node:')) packages.add(specifier);
  }
  return [...packages].sort();
}

function consumerFiles(version) {
  const ledger = `
export const ledger = {
  events: [{ index: 0, outcome: 'dead-lettered' as const, attempts: 3, reason: 'RetriesExhausted' }],
  invocations: [],
  deadLetters: [{ event: 0, target: 'sqs' as const, message: { body: '{}', messageAttributes: {} } }],
  destinations: [],
  end: 180_004,
};
`;
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: [],
  };
  return {
    'vitest.config.ts': `import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'imports', include: ['test/**/*.test.ts'] } },
      { test: { name: 'setup-files', include: ['setup-files/**/*.test.ts'], setupFiles: ['lambda-harness/vitest/setup'] } },
    ],
  },
});
`,
    'tsconfig.json': JSON.stringify({ compilerOptions, include: ['test'] }),
    'tsconfig.types.json': JSON.stringify({
      compilerOptions: { ...compilerOptions, types: ['lambda-harness/vitest/setup'] },
      include: ['setup-files'],
    }),
    'tsconfig.untyped.json': JSON.stringify({ compilerOptions, include: ['setup-files'] }),
    'ledger.ts': ledger,
    'test/matchers.test.ts': `import 'lambda-harness/vitest/setup';
import { simulate } from 'lambda-harness';
import { describe, expect, it } from 'vitest';

describe('lambda-harness matchers next to vitest ${version}', () => {
  it('pass on the ledger of a handler that always fails', async () => {
    const ledger = await simulate({
      handler: async () => {
        throw new Error('downstream unavailable');
      },
      function: { name: 'orders', deadLetterQueue: { type: 'sqs' } },
      invocation: 'async',
      events: [{ orderId: 1 }],
    });
    expect(ledger).toHaveBeenRetried(2);
    expect(ledger).toHaveBeenDeadLettered();
    expect(ledger).not.toHaveSucceeded();
  });

  it('fail with the lambda-harness message', async () => {
    const ledger = await simulate({ handler: async () => ({ ok: true }), invocation: 'async', events: [{}] });
    expect(ledger).toHaveSucceeded();
    expect(() => expect(ledger).toHaveBeenDeadLettered()).toThrow(
      '[lambda-harness] expected event 0 to have been dead-lettered, but event 0 succeeded after 1 attempt',
    );
  });
});
`,
    'test/property.test.ts': `import { fc, test } from 'lambda-harness/vitest';
import { expect } from 'vitest';
import { ledger } from '../ledger.ts';

// No setup() call: importing lambda-harness/vitest registers the matchers.
test.prop([fc.nat({ max: 5 })])('counts retries', (retries) => {
  const retried = { ...ledger, events: [{ ...ledger.events[0], attempts: retries + 1 }] };
  expect(retried).toHaveBeenRetried(retries);
  expect(() => expect(retried).toHaveBeenRetried(retries + 1)).toThrow('[lambda-harness]');
});
`,
    'test/unregistered.test.ts': `import { expect, it } from 'vitest';

it('has no lambda-harness matchers in a file that does not import them', () => {
  expect(() => (expect({}) as unknown as { toHaveSucceeded(): void }).toHaveSucceeded()).toThrow(/toHaveSucceeded/);
});
`,
    'setup-files/setup-files.test.ts': `import { expect, it } from 'vitest';
import { ledger } from '../ledger.ts';

it('has the matchers from setupFiles alone', () => {
  expect(ledger).toHaveBeenDeadLettered();
  expect(() => expect(ledger).toHaveSucceeded()).toThrow('[lambda-harness] expected every event to have succeeded');
});
`,
  };
}
