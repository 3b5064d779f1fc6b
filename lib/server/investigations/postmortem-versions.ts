import 'server-only';
// Saved postmortem drafts: every save is a new version (nothing is overwritten). Two people saving at once
// both get a version: the insert picks max+1 and retries when the other one won that number.
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/queryable';

export interface PostmortemVersion {
  version: number;
  markdown: string;
  author: string;
  createdAt: string;
}

interface VersionRow {
  version: number;
  markdown: string;
  author_name: string;
  created_at: Date;
}

const versionOf = (r: VersionRow): PostmortemVersion => ({ version: r.version, markdown: r.markdown, author: r.author_name, createdAt: r.created_at.toISOString() });

export async function latestPostmortem(db: Queryable, investigationId: string): Promise<PostmortemVersion | null> {
  const { rows } = await db.query<VersionRow>(`SELECT version, markdown, author_name, created_at FROM postmortem_versions WHERE investigation_id = $1 ORDER BY version DESC LIMIT 1`, [
    investigationId,
  ]);
  return rows[0] ? versionOf(rows[0]) : null;
}

export async function savePostmortem(db: Queryable, investigationId: string, author: Principal, markdown: string): Promise<PostmortemVersion> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await db.query<VersionRow>(
        `INSERT INTO postmortem_versions (investigation_id, version, markdown, author_id, author_name)
         SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4 FROM postmortem_versions WHERE investigation_id = $1
         RETURNING version, markdown, author_name, created_at`,
        [investigationId, markdown, author.id, author.name],
      );
      return versionOf(rows[0]!);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505' || attempt >= 4) throw error;
    }
  }
}
