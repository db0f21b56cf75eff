/**
 * The mutation modules (test/mutation/modules.mjs) name the code they mutate: every target must resolve to lines
 * that exist, and a part of a file must be found by its code. Line numbers written by hand stayed put while code
 * was added above them, and mutated whatever had moved there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MUTATION_MODULES, endOf, lineOf } from '../mutation/modules.mjs';

const lineCount = (file: string) => readFileSync(file, 'utf8').split('\n').length;
const targets = Object.entries(MUTATION_MODULES).flatMap(([name, module]) => module.mutate.map((target) => ({ name, target })));

describe('mutation modules', () => {
  it.each(targets)('$name: $target is a file, or lines of one, that exist', ({ target }) => {
    const [file, range] = target.split(':') as [string, string | undefined];
    expect(existsSync(file), file).toBe(true);
    if (range === undefined) return;
    const [from, to] = range.split('-').map(Number) as [number, number];
    expect(from).toBeGreaterThanOrEqual(1);
    expect(to).toBeGreaterThanOrEqual(from);
    expect(to).toBeLessThanOrEqual(lineCount(file));
  });

  it.each(Object.entries(MUTATION_MODULES))('%s: its test files exist', (_name, module) => {
    expect(module.tests.length).toBeGreaterThan(0);
    for (const test of module.tests) expect(existsSync(test), test).toBe(true);
  });

  it('names part of a file by its code, never by line numbers written in', () => {
    const source = readFileSync('test/mutation/modules.mjs', 'utf8');
    expect(source).not.toMatch(/['"`][^'"`\s]+\.[mc]?[jt]sx?:\d+-\d+['"`]/);
  });

  it('finds a declaration by its first line and ends it at its closing brace, nested ones too', () => {
    const file = 'server/guest-socket.ts';
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lineOf(file, 'const onUpgrade = ');
    const end = endOf(file, 'const onUpgrade = ');
    expect(lines[start - 1]).toMatch(/^ {2}const onUpgrade = /);
    expect(lines[end - 1]).toBe('  };');
    // Nothing between them closes at that indent: the range is the handler, whole.
    expect(lines.slice(start, end - 1).some((line) => line.startsWith('  }'))).toBe(false);
    expect(lines[endOf(file, 'class GuestSocket implements') - 1]).toBe('}');
  });

  it('refuses a marker on no line or on several (a renamed function fails loudly, not quietly elsewhere)', () => {
    expect(() => lineOf('server/guest-socket.ts', 'no such code anywhere')).toThrow(/0 lines .* contain/);
    expect(() => lineOf('server/guest-socket.ts', 'private ')).toThrow(/lines of server\/guest-socket.ts contain/);
  });
});
