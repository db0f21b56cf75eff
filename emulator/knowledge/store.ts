import { randomUUID } from 'node:crypto';
import type { KnowledgeGuestAppType } from '@genesys-chat/protocol/knowledge.js';
import { perEmulator, type EmulatorContext } from '../context.js';
import type { WorldDeployment } from '../world-file.js';
import { KnowledgeCatalog } from './catalog.js';

/** A knowledge guest session: one visitor of one deployment's knowledge app. */
export interface KnowledgeSession {
  id: string;
  deploymentId: string;
  appType: KnowledgeGuestAppType;
  customerId: string;
  pageUrl?: string;
  journeySessionId?: string;
  contexts?: { id: string; values: { id?: string }[] }[];
  createdAt: string;
  /** searchId -> the search (for PATCH, views and feedback that name it). */
  searches: Map<string, { query: string; queryType?: string; answered?: boolean; selected?: string[] }>;
}

export type KnowledgeActivityType = 'search' | 'search-update' | 'presentation' | 'view' | 'copy' | 'feedback';

/** One thing a guest did, as analytics would record it (the control API lists them). */
export interface KnowledgeActivity {
  type: KnowledgeActivityType;
  sessionId: string;
  deploymentId: string;
  customerId: string;
  at: string;
  documentId?: string;
  body: Record<string, unknown>;
}

/** Sessions kept before the oldest is forgotten (an emulator is not a database). */
export const MAX_KNOWLEDGE_SESSIONS = 10_000;
/** Activity records kept. */
export const MAX_KNOWLEDGE_ACTIVITY = 2_000;

/** Knowledge state of one emulator: catalogs per knowledge base, guest sessions, and activity. */
export class KnowledgeStore {
  private readonly catalogs = new Map<string, KnowledgeCatalog>();
  private readonly sessions = new Map<string, KnowledgeSession>();
  private readonly log: KnowledgeActivity[] = [];

  constructor(ctx: EmulatorContext) {
    for (const base of ctx.world.file.knowledgeBases ?? []) this.catalogs.set(base.id, new KnowledgeCatalog(base));
  }

  /** The catalog a deployment's knowledge app points at, if knowledge is enabled there. */
  catalogFor(deployment: WorldDeployment): KnowledgeCatalog | undefined {
    const app = deployment.messenger?.apps?.knowledge;
    if (app?.enabled !== true || !app.knowledgeBase?.id) return undefined;
    return this.catalogs.get(app.knowledgeBase.id);
  }

  createSession(input: Omit<KnowledgeSession, 'id' | 'createdAt' | 'searches'>): KnowledgeSession {
    const session: KnowledgeSession = { ...input, id: randomUUID(), createdAt: new Date().toISOString(), searches: new Map() };
    this.sessions.set(session.id, session);
    if (this.sessions.size > MAX_KNOWLEDGE_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return session;
  }

  session(id: string): KnowledgeSession | undefined {
    return this.sessions.get(id);
  }

  record(session: KnowledgeSession, type: KnowledgeActivityType, body: Record<string, unknown>, documentId?: string): void {
    const entry: KnowledgeActivity = {
      type, sessionId: session.id, deploymentId: session.deploymentId, customerId: session.customerId,
      at: new Date().toISOString(), body,
    };
    if (documentId !== undefined) entry.documentId = documentId;
    this.log.push(entry);
    if (this.log.length > MAX_KNOWLEDGE_ACTIVITY) this.log.splice(0, this.log.length - MAX_KNOWLEDGE_ACTIVITY);
  }

  /** Activity, oldest first, optionally for one deployment. */
  activity(deploymentId?: string): KnowledgeActivity[] {
    return deploymentId ? this.log.filter((a) => a.deploymentId === deploymentId) : [...this.log];
  }
}

export const knowledgeStoreFor = perEmulator((ctx) => new KnowledgeStore(ctx));
