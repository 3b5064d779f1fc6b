import 'server-only';
// Saved experiments, versioned: saving under an existing name (same tenant) appends a version; the latest
// definition is on chaos_experiments, every earlier one in chaos_experiment_versions.
import { randomUUID } from 'node:crypto';
import type { Experiment } from '@/lib/domain/chaos/experiment-schema';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';

export interface ExperimentRecord {
  id: string;
  tenant: string;
  name: string;
  version: number;
  definition: Experiment;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  tenant: string;
  name: string;
  version: number;
  definition: Experiment;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): ExperimentRecord => ({
  id: r.id,
  tenant: r.tenant,
  name: r.name,
  version: r.version,
  definition: r.definition,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Creates the experiment, or a new version of the one with the same name. */
export async function saveExperiment(db: Queryable, tenant: string, definition: Experiment, savedBy: string): Promise<ExperimentRecord> {
  const { rows } = await db.query<Row>(
    `INSERT INTO chaos_experiments (id, tenant, name, version, definition, created_by) VALUES ($1, $2, $3, 1, $4::jsonb, $5)
     ON CONFLICT (tenant, name) DO UPDATE SET version = chaos_experiments.version + 1, definition = EXCLUDED.definition, updated_at = now()
     RETURNING *`,
    [randomUUID(), tenant, definition.name, JSON.stringify(definition), savedBy],
  );
  const row = rows[0]!;
  await db.query('INSERT INTO chaos_experiment_versions (experiment_id, version, definition, saved_by) VALUES ($1, $2, $3::jsonb, $4)', [row.id, row.version, JSON.stringify(definition), savedBy]);
  return toRecord(row);
}

/** A new version of an existing experiment (by id); renaming onto another experiment's name is a 409. */
export async function updateExperiment(db: Queryable, tenant: string, id: string, definition: Experiment, savedBy: string): Promise<ExperimentRecord> {
  const existing = await getExperiment(db, tenant, id);
  const { rows } = await db.query<Row>(
    `UPDATE chaos_experiments SET version = version + 1, name = $3, definition = $4::jsonb, updated_at = now()
     WHERE id = $1 AND tenant = $2 AND NOT EXISTS (SELECT 1 FROM chaos_experiments o WHERE o.tenant = $2 AND o.name = $3 AND o.id <> $1)
     RETURNING *`,
    [existing.id, tenant, definition.name, JSON.stringify(definition)],
  );
  if (rows.length === 0) throw new AppError('conflict', `another experiment is named "${definition.name}"`);
  const row = rows[0]!;
  await db.query('INSERT INTO chaos_experiment_versions (experiment_id, version, definition, saved_by) VALUES ($1, $2, $3::jsonb, $4)', [row.id, row.version, JSON.stringify(definition), savedBy]);
  return toRecord(row);
}

export async function listExperiments(db: Queryable, tenant: string): Promise<ExperimentRecord[]> {
  const { rows } = await db.query<Row>('SELECT * FROM chaos_experiments WHERE tenant = $1 ORDER BY name', [tenant]);
  return rows.map(toRecord);
}

export async function getExperiment(db: Queryable, tenant: string, id: string): Promise<ExperimentRecord> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('bad_request', 'experiment id must be a UUID');
  const { rows } = await db.query<Row>('SELECT * FROM chaos_experiments WHERE id = $1 AND tenant = $2', [id, tenant]);
  if (rows.length === 0) throw new AppError('not_found', `no experiment ${id}`);
  return toRecord(rows[0]!);
}

export async function experimentVersions(db: Queryable, id: string): Promise<{ version: number; savedBy: string; savedAt: string }[]> {
  const { rows } = await db.query<{ version: number; saved_by: string; saved_at: Date }>(
    'SELECT version, saved_by, saved_at FROM chaos_experiment_versions WHERE experiment_id = $1 ORDER BY version DESC',
    [id],
  );
  return rows.map((r) => ({ version: r.version, savedBy: r.saved_by, savedAt: r.saved_at.toISOString() }));
}
