import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What the emulator keeps across restarts when started with a state file (`stateFile` option, `--state-file`,
 * `EMULATOR_STATE_FILE`): what was registered through the Genesys API while it ran, today the Open Messaging
 * integrations (webhook URL, secret, headers). The world file stays the starting point; the state file wins per id.
 * A local dev tool: the file holds webhook secrets and is written with mode 0600.
 */
export interface EmulatorStateFile {
  version: 1;
  integrations?: unknown[];
}

/** Reads the state file; a missing file is an empty state, an unreadable one an error naming the file. */
export function readStateFile(path: string): EmulatorStateFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1 };
    throw new Error(`cannot read state file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`state file ${path} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { version?: unknown }).version !== 1) {
    throw new Error(`state file ${path} is not an emulator state file (version 1)`);
  }
  return parsed as EmulatorStateFile;
}

/** Replaces one section of the state file, atomically (write a sibling, then rename). */
export function writeStateSection(path: string, section: 'integrations', value: unknown[]): void {
  const state = readStateFile(path);
  const next: EmulatorStateFile = { ...state, version: 1, [section]: value };
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
