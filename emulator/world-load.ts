import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { worldSchema } from './world-schema.js';
import type { WorldFile } from './world-file.js';

/** Path of the default world shipped with the emulator. */
export const DEFAULT_WORLD_PATH = fileURLToPath(new URL('./worlds/default.json', import.meta.url));

/** Thrown when a world file cannot be read or does not fit the schema; the message lists every problem. */
export class WorldFileError extends Error {}

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(worldSchema);

/** Validates a parsed world, then checks cross-references (queue/bot/step ids). */
export function validateWorld(input: unknown, source = 'world'): WorldFile {
  if (!validate(input)) {
    const problems = (validate.errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new WorldFileError(`${source} is not a valid world file:\n${problems.join('\n')}`);
  }
  const world = input as unknown as WorldFile;
  const problems: string[] = [];
  const queueIds = new Set(world.queues.map((q) => q.id));
  const botIds = new Set((world.bots ?? []).map((b) => b.id));
  const seen = new Set<string>();
  for (const d of world.deployments) {
    if (seen.has(d.id)) problems.push(`deployment id "${d.id}" appears twice`);
    seen.add(d.id);
    if (d.defaultQueueId && !queueIds.has(d.defaultQueueId)) problems.push(`deployment "${d.id}": defaultQueueId "${d.defaultQueueId}" is not a queue`);
    if (d.botId && !botIds.has(d.botId)) problems.push(`deployment "${d.id}": botId "${d.botId}" is not a bot`);
  }
  for (const i of world.openMessaging?.integrations ?? []) {
    if (i.botId && !botIds.has(i.botId)) problems.push(`open integration "${i.id}": botId "${i.botId}" is not a bot`);
  }
  for (const a of world.agents) {
    for (const q of a.queueIds ?? []) if (!queueIds.has(q)) problems.push(`agent "${a.id}": queue "${q}" does not exist`);
  }
  for (const bot of world.bots ?? []) {
    const steps = new Set(bot.steps.map((s) => s.id));
    if (!steps.has(bot.start)) problems.push(`bot "${bot.id}": start step "${bot.start}" does not exist`);
    for (const step of bot.steps) {
      for (const r of step.quickReplies ?? []) if (!steps.has(r.next)) problems.push(`bot "${bot.id}" step "${step.id}": quick reply "${r.payload}" leads to missing step "${r.next}"`);
      if (step.fallback && !steps.has(step.fallback)) problems.push(`bot "${bot.id}" step "${step.id}": fallback "${step.fallback}" does not exist`);
      if (step.handOver?.queueId && !queueIds.has(step.handOver.queueId)) problems.push(`bot "${bot.id}" step "${step.id}": handOver queue "${step.handOver.queueId}" does not exist`);
    }
  }
  if (problems.length > 0) throw new WorldFileError(`${source} is not a valid world file:\n  ${problems.join('\n  ')}`);
  return world;
}

/** Reads and validates a world file. */
export function loadWorldFile(path: string): WorldFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new WorldFileError(`cannot read world file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WorldFileError(`world file ${path} is not JSON: ${(error as Error).message}`);
  }
  return validateWorld(parsed, path);
}
