import 'server-only';
// Registered agents. The token is stored to call the agent and never leaves the server.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';

import type { AgentRecord } from '@/lib/domain/agent/agent-view';

export type { AgentRecord };

export interface AgentWithToken extends AgentRecord {
  token: string;
}

interface AgentRow {
  id: string;
  name: string;
  url: string;
  token: string;
  environment: string;
  created_at: Date;
  created_by: string;
}

const toRecord = (r: AgentRow): AgentWithToken => ({ id: r.id, name: r.name, url: r.url, token: r.token, environment: r.environment, createdAt: r.created_at.toISOString(), createdBy: r.created_by });

export function withoutToken({ token, ...agent }: AgentWithToken): AgentRecord {
  void token;
  return agent;
}

export async function registerAgent(db: Queryable, input: { name: string; url: string; token: string; environment: string }, createdBy: string): Promise<AgentRecord> {
  const { rows } = await db.query<AgentRow>(
    `INSERT INTO agents (id, name, url, token, environment, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (name) DO NOTHING RETURNING *`,
    [randomUUID(), input.name, input.url.replace(/\/+$/, ''), input.token, input.environment, createdBy],
  );
  if (rows.length === 0) throw new AppError('conflict', `an agent named "${input.name}" is already registered`);
  return withoutToken(toRecord(rows[0]!));
}

export async function listAgents(db: Queryable): Promise<AgentWithToken[]> {
  const { rows } = await db.query<AgentRow>('SELECT * FROM agents ORDER BY name');
  return rows.map(toRecord);
}

export async function getAgent(db: Queryable, name: string): Promise<AgentWithToken> {
  const { rows } = await db.query<AgentRow>('SELECT * FROM agents WHERE name = $1', [name]);
  if (rows.length === 0) throw new AppError('not_found', `no agent named "${name}" is registered`);
  return toRecord(rows[0]!);
}

/** Unregisters an agent (its lease rows go with it; the agent reverts by itself when its lease runs out). */
export async function deleteAgent(db: Queryable, name: string): Promise<void> {
  const result = await db.query('DELETE FROM agents WHERE name = $1', [name]);
  if (!result.rowCount) throw new AppError('not_found', `no agent named "${name}" is registered`);
}
