import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, run } from '../src/cli/run.ts';
import { eventTypes, sqsEvent } from '../src/index.ts';
import { getEventType } from '../src/registry.ts';

async function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
      return true;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin: async () => stdin,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'lambda-harness-cli-'));

describe('lambda-harness types', () => {
  it('prints one tab-separated line per event type', async () => {
    const { code, stdout } = await cli(['types']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(eventTypes().length);
    expect(lines).toContain(
      'sqs\tpoll\tstandard,fifo,with-attributes,dead-letter,sns-in-body,fifo-sns-in-body,s3-in-body',
    );
  });

  it('prints id, invocation and variants as JSON with --json', async () => {
    const { stdout } = await cli(['types', '--json']);
    expect(JSON.parse(stdout)).toContainEqual({
      id: 'sqs',
      invocation: 'poll',
      variants: ['standard', 'fifo', 'with-attributes', 'dead-letter', 'sns-in-body', 'fifo-sns-in-body', 's3-in-body'],
    });
  });

  it('rejects stray arguments with exit 2', async () => {
    expect((await cli(['types', 'sqs'])).code).toBe(2);
  });
});

describe('lambda-harness generate', () => {
  it('prints the event the builder makes for the same seed and variant', async () => {
    const { code, stdout } = await cli(['generate', 'sqs', '--variant', 'fifo', '--seed', '5']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual(sqsEvent(undefined, { variant: 'fifo', seed: 5 }));
  });

  it('prints N events, one JSON document per line, with consecutive seeds', async () => {
    const { stdout } = await cli(['generate', 'sqs', '--count', '3', '--seed', '10']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2] as string)).toStrictEqual(sqsEvent(undefined, { seed: 12 }));
  });

  it('applies --set overrides, parsing JSON values', async () => {
    const { stdout } = await cli([
      'generate',
      'sqs',
      '--set',
      'Records[0].body={"a":1}',
      '--set',
      'Records.1.awsRegion=eu-west-1',
    ]);
    const event = JSON.parse(stdout);
    expect(event.Records[0].body).toBe('{"a":1}');
    expect(event.Records[1].awsRegion).toBe('eu-west-1');
  });

  it.each([
    [['generate', 'nope'], /unknown event type "nope"/],
    [['generate', 'sqs', '--variant', 'lifo'], /unknown variant "lifo"/],
    [['generate', 'sqs', '--seed', 'abc'], /--seed must be an integer/],
    [['generate', 'sqs', '--set', 'Records[0].nope=1'], /Records\[0\]\.nope: unknown override path/],
    [['generate', 'sqs', '--bogus'], /unknown option --bogus/],
    [['generate'], /needs an event id/],
  ])('fails %j with one line and exit 2', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^\[lambda-harness\] /);
  });

  it('produces the same event in a separate process', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'generate', 'sqs', '--seed', '77'],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toStrictEqual(sqsEvent(undefined, { seed: 77 }));
  });
});

describe('lambda-harness validate', () => {
  it('exits 0 for valid files and stdin', async () => {
    const dir = tmp();
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(sqsEvent()));
    expect((await cli(['validate', 'sqs', file])).code).toBe(0);
    expect((await cli(['validate', 'sqs', '-'], JSON.stringify(sqsEvent()))).code).toBe(0);
  });

  it('exits 1 and reports path and message for an invalid file, as JSON with --json', async () => {
    const dir = tmp();
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(sqsEvent()));
    writeFileSync(bad, JSON.stringify({ Records: [{ ...sqsEvent().Records[0], body: { a: 1 } }] }));
    const { code, stdout } = await cli(['validate', 'sqs', good, bad, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toStrictEqual([
      { file: good, valid: true, errors: [] },
      {
        file: bad,
        valid: false,
        errors: [
          {
            path: 'Records[0].body',
            expected: 'string',
            received: 'object',
            message: 'expected string, received object',
          },
        ],
      },
    ]);
  });

  it('gives every file its own result: a non-JSON file is invalid, the others still reported', async () => {
    const dir = tmp();
    const good = join(dir, 'a.json');
    const text = join(dir, 'b.txt');
    writeFileSync(good, JSON.stringify(sqsEvent()));
    writeFileSync(text, 'hello\nworld');
    const { code, stdout } = await cli(['validate', 'sqs', good, text, '--json']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout);
    expect(results[0]).toStrictEqual({ file: good, valid: true, errors: [] });
    expect(results[1]).toMatchObject({ file: text, valid: false, errors: [{ path: '' }] });
    expect(results[1].errors[0].message).toMatch(/^not JSON: /);
  });

  it('accepts a leading UTF-8 byte-order mark', async () => {
    const dir = tmp();
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(sqsEvent())}`);
    expect(await cli(['validate', 'sqs', file])).toMatchObject({ code: 0, stdout: `${file}: valid sqs event\n` });
  });

  it('reads JSON lines from stdin, one result per line', async () => {
    const lines = `${JSON.stringify(sqsEvent())}\n${JSON.stringify({ Records: 1 })}\n`;
    const { code, stdout } = await cli(['validate', 'sqs', '-', '--json'], lines);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).map((r: { file: string; valid: boolean }) => [r.file, r.valid])).toStrictEqual([
      ['-:1', true],
      ['-:2', false],
    ]);
  });

  it('checks the strict profile with --strict, naming the broken rule', async () => {
    const dir = tmp();
    const file = join(dir, 'md5.json');
    writeFileSync(file, JSON.stringify({ Records: [{ ...sqsEvent().Records[0], md5OfBody: '0'.repeat(32) }] }));
    expect((await cli(['validate', 'sqs', file])).code).toBe(0);
    const { code, stdout } = await cli(['validate', 'sqs', file, '--strict', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0].errors[0]).toMatchObject({ path: 'Records[0].md5OfBody', rule: 'md5-of-body' });
  });

  it('checks a handler response with --response', async () => {
    const dir = tmp();
    const ok = join(dir, 'ok.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(ok, JSON.stringify({ statusCode: 200, body: 'hi' }));
    writeFileSync(bad, JSON.stringify({ statusCode: 200, body: { hi: 1 } }));
    expect((await cli(['validate', 'api-gateway-rest', ok, '--response'])).code).toBe(0);
    const { code, stdout } = await cli(['validate', 'api-gateway-rest', bad, '--response', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0].errors[0]).toMatchObject({ path: 'body' });
  });

  it('prints human-readable violations naming the event id and path', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ Records: [{ ...sqsEvent().Records[0], body: 1 }] }));
    const { stdout } = await cli(['validate', 'sqs', bad]);
    expect(stdout).toBe(`[lambda-harness] sqs: Records[0].body: expected string, received number in ${bad}\n`);
  });

  it.each([
    ['an unreadable file', ['validate', 'sqs', '/no/such/file.json'], /cannot read \/no\/such\/file\.json: ENOENT/],
    ['a response check on a source without one', ['validate', 'sns', '-', '--response'], /sns has no response/],
    ['an unknown flag', ['validate', 'sqs', '-', '--strcit'], /unknown option --strcit/],
    ['an unknown id', ['validate', 'nope', 'vitest.config.ts'], /unknown event type "nope"/],
    ['no file', ['validate', 'sqs'], /needs an event id and at least one file/],
  ])('exits 2 with one line for %s', async (_, args, message) => {
    const { code, stderr } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('lambda-harness fixtures', () => {
  it('writes every variant into --dir, then --check passes', async () => {
    const dir = tmp();
    const written = await cli(['fixtures', '--dir', dir]);
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'sqs', 'fifo.json'), 'utf8'))).toStrictEqual(
      sqsEvent(undefined, { variant: 'fifo' }),
    );
    expect((await cli(['fixtures', '--check', '--dir', dir])).code).toBe(0);
  });

  it('fails --check with exit 1 naming a drifted or missing file', async () => {
    const dir = tmp();
    await cli(['fixtures', '--dir', dir]);
    writeFileSync(join(dir, 'sqs', 'standard.json'), '{}\n');
    const { code, stderr } = await cli(['fixtures', '--check', '--dir', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(dir, 'sqs', 'standard.json')}: differs from what seed 42 generates`);
  });
});

describe('lambda-harness generate --set with prototype keys', () => {
  it('keeps __proto__ a plain key: no pollution, validation stays on, one line and exit 2', async () => {
    const { code, stdout, stderr } = await cli([
      'generate',
      'sqs',
      '--set',
      '__proto__.validate=false',
      '--set',
      'Records[0].messageId=5',
    ]);
    expect(({} as Record<string, unknown>).validate).toBeUndefined();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('[lambda-harness] sqs: __proto__: unknown override path (known here: Records)\n');
  });

  it('reports __proto__.x as one clear line', async () => {
    const { code, stderr } = await cli(['generate', 'sqs', '--set', '__proto__.x=1']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('unexpected error');
  });

  it('still applies constructor and prototype as ordinary keys where the event allows any key', async () => {
    const { code, stdout } = await cli([
      'generate',
      'api-gateway-rest',
      '--set',
      'headers.constructor=x',
      '--set',
      'queryStringParameters.__proto__=y',
    ]);
    expect(code).toBe(0);
    const event = JSON.parse(stdout);
    expect(Object.hasOwn(event.headers, 'constructor')).toBe(true);
    expect(Object.hasOwn(event.queryStringParameters, '__proto__')).toBe(true);
  });

  it('names the path of a wrong-typed --set value instead of an unexpected error', async () => {
    const { code, stderr } = await cli(['generate', 'sqs', '--set', 'Records=5']);
    expect(code).toBe(2);
    expect(stderr).toBe('[lambda-harness] sqs: Records: expected array, received number\n');
  });
});

describe('lambda-harness --help and --version', () => {
  it.each(['types', 'generate', 'validate', 'fixtures', 'simulate'])(
    'prints help for %s and exits 0',
    async (command) => {
      const { code, stdout, stderr } = await cli([command, '--help']);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(new RegExp(`^Usage: lambda-harness ${command}`));
    },
  );

  it('documents how --set values are parsed', async () => {
    const { stdout } = await cli(['generate', '--help']);
    expect(stdout).toContain('parsed as JSON when it parses');
    expect(stdout).toContain('plain string otherwise');
  });

  it('prints the package version', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  });

  it('rejects an unknown command with exit 2', async () => {
    expect((await cli(['--versions'])).code).toBe(2);
  });
});

describe('lambda-harness fixtures options', () => {
  it('writes only the --ids event types', async () => {
    const dir = tmp();
    const { code, stdout } = await cli(['fixtures', '--dir', dir, '--ids', 'sqs,s3']);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toStrictEqual(['s3', 'sqs']);
    const count = ['sqs', 's3'].reduce((n, id) => n + getEventType(id).definition.variants.length, 0);
    expect(stdout).toContain(`${count} fixtures, ${count} written`);
  });

  it('keeps --dir and --ids in the drift hint', async () => {
    const dir = join(tmp(), 'my events');
    await cli(['fixtures', '--dir', dir, '--ids', 'sqs']);
    writeFileSync(join(dir, 'sqs', 'fifo.json'), '{}\n');
    const { code, stderr } = await cli(['fixtures', '--check', '--dir', dir, '--ids', 'sqs']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `differs from what seed 42 generates; run lambda-harness fixtures --dir '${dir}' --ids sqs`,
    );
  });

  it('reports and then removes a temporary file left by a killed write', async () => {
    const dir = tmp();
    await cli(['fixtures', '--dir', dir, '--ids', 'sqs']);
    writeFileSync(join(dir, 'sqs', 'standard.json.99.1700000000000.tmp'), '{');
    const checked = await cli(['fixtures', '--check', '--dir', dir, '--ids', 'sqs']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('standard.json.99.1700000000000.tmp: temporary file left by an interrupted write');
    const written = await cli(['fixtures', '--dir', dir, '--ids', 'sqs']);
    expect(written.stdout).toContain('removed ');
    expect((await cli(['fixtures', '--check', '--dir', dir, '--ids', 'sqs'])).code).toBe(0);
  });

  it.each([
    ['an empty --dir', ['fixtures', '--dir='], /--dir needs a directory, received an empty value/],
    [
      '--check with a missing --dir',
      ['fixtures', '--check', '--dir', '/no/such/dir'],
      /--check: \/no\/such\/dir is not a directory/,
    ],
    ['an unknown id in --ids', ['fixtures', '--ids', 'sqs,nope'], /unknown event type "nope"/],
    ['an empty --ids', ['fixtures', '--ids', ','], /--ids needs one or more event ids/],
    ['a --dir on /proc', ['fixtures', '--dir', '/proc/self/fixtures'], /is on a pseudo file system/],
  ])('fails %s with one line and exit 2', async (_, args, message) => {
    const { code, stdout, stderr } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails a write into a path below a file with one line naming the file, not an unexpected error', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'sqs'), 'a file');
    const { code, stdout, stderr } = await cli(['fixtures', '--dir', dir, '--ids', 'sqs']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `[lambda-harness] ${join(dir, 'sqs', 'standard.json')}: cannot write: a parent is a file, not a directory (EEXIST)\n`,
    );
  });
});
