// Bundles the public entry points with esbuild (tsc emits only declarations): one module per entry plus shared
// chunks, instead of ~90 small modules, so `import { sqsEvent } from 'lambda-harness'` loads fast.
// Each generator's lazy `require('./schema.json')` becomes a lazy JSON.parse of the inlined text.
// @aws-sdk/util-dynamodb is bundled (16 KB, no dependencies): as a dependency, npm would also install its required
// peer @aws-sdk/client-dynamodb, 17 MB of SDK that the marshaller never loads. Its licence ships in dist/licenses/.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

const inlineSchemas = {
  name: 'inline-schemas',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]generators[\\/][^\\/]+[\\/]definition\.ts$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const files = [...source.matchAll(/require\('(\.\.?\/[\w./-]+\.json)'\)/g)].map((m) => m[1]);
      for (const file of new Set(files)) {
        const text = JSON.stringify(JSON.stringify(JSON.parse(await readFile(join(dirname(args.path), file), 'utf8'))));
        source = source.replaceAll(`require('${file}')`, `JSON.parse(${text})`);
      }
      return { contents: source, loader: 'ts' };
    });
  },
};

const DYNAMODB = "require('@aws-sdk/util-dynamodb')";
const bundleDynamodbUtil = {
  name: 'bundle-util-dynamodb',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]src[\\/]core[\\/]encoders\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(DYNAMODB))
        throw new Error(`${args.path} no longer contains ${DYNAMODB}: update ${import.meta.filename}`);
      const contents = `import * as bundledDynamodbUtil from '@aws-sdk/util-dynamodb';\n${source.replaceAll(DYNAMODB, 'bundledDynamodbUtil')}`;
      return { contents, loader: 'ts' };
    });
    bundler.onResolve({ filter: /^@aws-sdk\/util-dynamodb$/ }, () => ({
      path: join(dirname(require.resolve('@aws-sdk/util-dynamodb/package.json')), 'dist-es', 'index.js'),
    }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: {
    'src/index': 'src/index.ts',
    'src/arbitraries': 'src/arbitraries.ts',
    'src/vitest/index': 'src/vitest/index.ts',
    'src/vitest/setup': 'src/vitest/setup.ts',
    'src/cli/main': 'src/cli/main.ts',
    'src/cli/run': 'src/cli/run.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'src/chunks/[name]-[hash]',
  sourcemap: false,
  logLevel: 'warning',
  plugins: [inlineSchemas, bundleDynamodbUtil],
});
