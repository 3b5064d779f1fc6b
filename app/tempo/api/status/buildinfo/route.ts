// GET /tempo/api/status/buildinfo — Tempo's build info. Grafana's Tempo data source reads `version` to decide
// which APIs to use; the Tempo version whose HTTP API this prefix implements (v2 tags, v2 trace by id).
import { guarded } from '@/lib/server/auth/guarded';
import packageJson from '@/package.json';

export const dynamic = 'force-dynamic';

const TEMPO_API_VERSION = '2.6.0';

export const GET = guarded('viewer', async () =>
  Response.json({ version: TEMPO_API_VERSION, revision: `tracehound-${packageJson.version}`, branch: 'tracehound', buildUser: '', buildDate: '', goVersion: '' }),
);
