import 'server-only';
// Stored imports: the scrubbed requests of one uploaded HAR or JSON-lines file, replayed by id later.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import type { ImportedRequest } from './parse-import';

export interface ReplayImport {
  id: string;
  format: 'har' | 'jsonl';
  requests: ImportedRequest[];
  createdAt: string;
  createdBy: string;
}

interface ImportRow {
  id: string;
  format: 'har' | 'jsonl';
  requests: ImportedRequest[];
  created_at: Date;
  created_by: string;
}

const toImport = (r: ImportRow): ReplayImport => ({ id: r.id, format: r.format, requests: r.requests, createdAt: r.created_at.toISOString(), createdBy: r.created_by });

export async function storeImport(db: Queryable, tenant: string, format: 'har' | 'jsonl', requests: ImportedRequest[], createdBy: string): Promise<ReplayImport> {
  const { rows } = await db.query<ImportRow>('INSERT INTO replay_imports (id, tenant, format, requests, created_by) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING *', [
    randomUUID(),
    tenant,
    format,
    JSON.stringify(requests),
    createdBy,
  ]);
  return toImport(rows[0]!);
}

export async function getImport(db: Queryable, tenant: string, id: string): Promise<ReplayImport> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const { rows } = valid ? await db.query<ImportRow>('SELECT * FROM replay_imports WHERE tenant = $1 AND id = $2', [tenant, id]) : { rows: [] };
  if (!rows[0]) throw new AppError('not_found', `No replay import "${id}".`);
  return toImport(rows[0]);
}
