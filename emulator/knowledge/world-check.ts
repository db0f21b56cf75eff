import type { WorldFile } from '../world-file.js';
import { WorldFileError } from '../world-load.js';

/** Cross-references of knowledge in a world: ids unique, categories and knowledge bases that exist. */
export function knowledgeProblems(world: WorldFile): string[] {
  const problems: string[] = [];
  const baseIds = new Set<string>();
  for (const base of world.knowledgeBases ?? []) {
    if (baseIds.has(base.id)) problems.push(`knowledge base id "${base.id}" appears twice`);
    baseIds.add(base.id);
    const categories = new Set(base.categories.map((c) => c.id));
    for (const c of base.categories) {
      if (c.parentId && !categories.has(c.parentId)) problems.push(`knowledge base "${base.id}" category "${c.id}": parent "${c.parentId}" does not exist`);
    }
    const docs = new Set<string>();
    for (const d of base.documents) {
      if (docs.has(d.id)) problems.push(`knowledge base "${base.id}": document id "${d.id}" appears twice`);
      docs.add(d.id);
      if (d.categoryId && !categories.has(d.categoryId)) problems.push(`knowledge base "${base.id}" document "${d.id}": category "${d.categoryId}" does not exist`);
    }
  }
  for (const d of world.deployments) {
    const id = d.messenger?.apps?.knowledge?.knowledgeBase?.id;
    if (id !== undefined && !baseIds.has(id)) problems.push(`deployment "${d.id}": knowledge base "${id}" does not exist`);
  }
  return problems;
}

/** Throws WorldFileError listing every knowledge problem of the world. */
export function checkKnowledge(world: WorldFile, source = 'world'): void {
  const problems = knowledgeProblems(world);
  if (problems.length > 0) throw new WorldFileError(`${source} is not a valid world file:\n  ${problems.join('\n  ')}`);
}
