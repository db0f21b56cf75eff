/**
 * The server's and the emulator's configuration are documented twice, in README (what an operator reads first) and
 * in docs/server.md and docs/emulator.md (the references): each table must name every variable or flag the program
 * reads (server/config.ts and DRAIN_TIMEOUT_MS in server/cli.ts; emulator/cli.ts), nothing it does not read, and
 * give each the same default in both places.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Row { flags: string[]; required: string; fallback: string }

/** The cells of each row of the Markdown table in `path` whose header line starts with `header`. */
function tableRows(path: string, header: string): string[][] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start === -1) throw new Error(`${path} has no "${header}" table`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, '').trim()));
  }
  return rows;
}

/** The `| Variable (flag) | Required | Default | Meaning |` table of a Markdown file, by variable. */
function configTable(path: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const [names = '', required = '', fallback = ''] of tableRows(path, '| Variable (flag) |')) {
    const flags = [...names.matchAll(/`(--[a-z-]+)`/g)].map((m) => m[1]!);
    for (const [, variable] of names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) rows.set(variable!, { flags, required, fallback });
  }
  return rows;
}

/** The `| Flag | Default | Meaning |` table of a Markdown file: each flag's default cell. */
function flagTable(path: string): Map<string, string> {
  return new Map(tableRows(path, '| Flag | Default |').map(([flag = '', fallback = '']) => [flag.replace(/`/g, ''), fallback]));
}

const config = readFileSync('server/config.ts', 'utf8');
/** What config.ts reads: each helper call's variable name (`str('PORT')`, `int('TRANSCRIPT_LIMIT', …)`, …). */
const read = new Set([...config.matchAll(/\b(?:str|int|bool|required|originList|uploadTypeList)\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!));
for (const [, variable] of readFileSync('server/cli.ts', 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) read.add(variable!);
/** Its flags: `'--port': 'PORT'`. */
const flags = [...config.matchAll(/'(--[a-z-]+)': '([A-Z][A-Z0-9_]+)'/g)].map((m) => [m[1]!, m[2]!] as const);

describe('the server configuration tables (README, docs/server.md)', () => {
  const readme = configTable('README.md');
  const reference = configTable('docs/server.md');

  it('finds what the server reads', () => {
    expect(read.size).toBeGreaterThan(20);
    expect(flags.length).toBeGreaterThan(10);
  });

  for (const [name, table] of [['README.md', readme], ['docs/server.md', reference]] as const) {
    it(`${name} lists every variable the server reads, and nothing else`, () => {
      expect([...read].filter((variable) => !table.has(variable)), 'read but not documented').toEqual([]);
      expect([...table.keys()].filter((variable) => !read.has(variable)), 'documented but not read').toEqual([]);
    });

    it(`${name} gives each flag with its variable`, () => {
      expect(flags.filter(([flag, variable]) => !table.get(variable)?.flags.includes(flag)).map(([flag]) => flag)).toEqual([]);
    });
  }

  it('both give each variable the same default and the same "required"', () => {
    const differ = [...readme].filter(([variable, row]) => {
      const other = reference.get(variable);
      return other !== undefined && (other.fallback !== row.fallback || other.required !== row.required);
    }).map(([variable]) => variable);
    expect(differ).toEqual([]);
  });
});

describe('the emulator flag tables (README, docs/emulator.md)', () => {
  // parseArgs' options in emulator/cli.ts: `port: { type: …`, `'public-url': { type: …` (help is not a setting).
  const parsed = [...readFileSync('emulator/cli.ts', 'utf8').matchAll(/^\s+'?([a-z-]+)'?: \{ type: /gm)]
    .map((m) => `--${m[1]!}`).filter((flag) => flag !== '--help');
  const readme = flagTable('README.md');
  const reference = flagTable('docs/emulator.md');

  it('finds the flags the emulator reads', () => {
    expect(parsed.length).toBeGreaterThan(5);
  });

  for (const [name, table] of [['README.md', readme], ['docs/emulator.md', reference]] as const) {
    it(`${name} lists every flag, and nothing else`, () => {
      expect(parsed.filter((flag) => !table.has(flag)), 'read but not documented').toEqual([]);
      expect([...table.keys()].filter((flag) => !parsed.includes(flag)), 'documented but not read').toEqual([]);
    });
  }

  it('both give each flag the same default', () => {
    expect([...readme].filter(([flag, fallback]) => reference.has(flag) && reference.get(flag) !== fallback).map(([flag]) => flag)).toEqual([]);
  });
});
