// GET /loki/api/v1/status/buildinfo — Loki's build info; Grafana reads `version` to pick features. The Loki
// version whose query API (index volume, detected labels/fields) this implements.
import { guarded } from '@/lib/server/auth/guarded';
import packageJson from '@/package.json';

export const dynamic = 'force-dynamic';

const LOKI_API_VERSION = '3.3.0';

export const GET = guarded('viewer', async () =>
  Response.json({ version: LOKI_API_VERSION, revision: `tracehound-${packageJson.version}`, branch: 'tracehound', buildUser: '', buildDate: '', goVersion: '' }),
);
