// Prints the mutation score of each module from reports/mutation/<module>.json, and its surviving mutants.
// Usage: node test/mutation/summary.mjs [--survivors] [module...]
import { existsSync, readFileSync } from 'node:fs';
import { MUTATION_MODULES } from './modules.mjs';

const args = process.argv.slice(2);
const showSurvivors = args.includes('--survivors');
// --markdown: table rows for README's "Mutation testing" section.
const markdown = args.includes('--markdown');
const names = args.filter((a) => !a.startsWith('--'));
const rows = [];
for (const name of names.length ? names : Object.keys(MUTATION_MODULES)) {
  const file = `reports/mutation/${name}.json`;
  if (!existsSync(file)) {
    rows.push({ name, missing: true });
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  const survivors = [];
  for (const [path, result] of Object.entries(report.files)) {
    const lines = result.source.split('\n');
    for (const mutant of result.mutants) {
      counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        const { line, column } = mutant.location.start;
        survivors.push(`  ${mutant.status} ${path}:${line}:${column} ${mutant.mutatorName}: ${lines[line - 1]?.trim().slice(0, 110)}  =>  ${String(mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`);
      }
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  rows.push({ name, score: valid ? (100 * detected) / valid : 100, detected, valid, survivors });
}
if (markdown) {
  for (const row of rows) {
    const files = MUTATION_MODULES[row.name].mutate.map((f) => `\`${f}\``).join(', ');
    console.log(row.missing ? `| ${row.name} | ${files} | not run | |` : `| ${row.name} | ${files} | ${row.score.toFixed(1)} % | ${row.detected} / ${row.valid} |`);
  }
  process.exit(0);
}
console.log('module            score   killed/valid');
for (const row of rows) {
  if (row.missing) console.log(`${row.name.padEnd(16)}  (no report: run make mutation MODULE=${row.name})`);
  else console.log(`${row.name.padEnd(16)} ${row.score.toFixed(1).padStart(6)}%  ${row.detected}/${row.valid}`);
  if (showSurvivors && row.survivors?.length) console.log(row.survivors.join('\n'));
}
