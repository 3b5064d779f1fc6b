import 'server-only';
// Replay targets (admin-managed): where replays may go. Secrets are sealed before they reach the database and
// opened only by the sender (targetSecrets), never returned by the API.
import { randomUUID } from 'node:crypto';
import type { ReplayTarget, TargetEnvironment } from '@/lib/domain/replay/replay-target';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { addressPolicy } from './address-policy';
import type { CreateTargetInput } from './replay-target-input';
import { openSecret, sealSecret } from './secret-box';

interface TargetRow {
  id: string;
  name: string;
  base_url: string;
  environment: TargetEnvironment;
  allowed_methods: string[];
  allowed_addresses: string[];
  secrets: Record<string, string>;
  created_at: Date;
  created_by: string;
}

function toTarget(r: TargetRow): ReplayTarget {
  return {
    id: r.id,
    name: r.name,
    baseUrl: r.base_url,
    environment: r.environment,
    allowedMethods: r.allowed_methods,
    allowedAddresses: r.allowed_addresses,
    secretNames: Object.keys(r.secrets).sort(),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  };
}

export async function createTarget(db: Queryable, input: CreateTargetInput, createdBy: string): Promise<ReplayTarget> {
  addressPolicy(input.allowedAddresses); // throws 400 on a bad entry
  const sealed = Object.fromEntries(Object.entries(input.secrets).map(([name, value]) => [name, sealSecret(value)]));
  try {
    const { rows } = await db.query<TargetRow>(
      `INSERT INTO replay_targets (id, name, base_url, environment, allowed_methods, allowed_addresses, secrets, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING *`,
      [randomUUID(), input.name, input.baseUrl, input.environment, input.allowedMethods, input.allowedAddresses, JSON.stringify(sealed), createdBy],
    );
    return toTarget(rows[0]!);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('conflict', `A replay target named "${input.name}" exists already.`);
    throw error;
  }
}

export async function listTargets(db: Queryable): Promise<ReplayTarget[]> {
  const { rows } = await db.query<TargetRow>('SELECT * FROM replay_targets ORDER BY name');
  return rows.map(toTarget);
}

/** A target by id or by name; 404 when neither matches. */
export async function getTarget(db: Queryable, idOrName: string): Promise<ReplayTarget> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const { rows } = await db.query<TargetRow>(`SELECT * FROM replay_targets WHERE ${isUuid ? 'id = $1::uuid' : 'name = $1'}`, [idOrName]);
  if (!rows[0]) throw new AppError('not_found', `No replay target "${idOrName}".`);
  return toTarget(rows[0]);
}

/** The clear secrets of a target, for substitution at send time only. */
export async function targetSecrets(db: Queryable, id: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ secrets: Record<string, string> }>('SELECT secrets FROM replay_targets WHERE id = $1', [id]);
  return Object.fromEntries(Object.entries(rows[0]?.secrets ?? {}).map(([name, sealed]) => [name, openSecret(sealed)]));
}

export async function deleteTarget(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM replay_targets WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}
