// GET /api/chaos/experiments/{id}/chaos-mesh?namespace=&port= — the experiment's faults as Chaos Mesh
// HTTPChaos / NetworkChaos manifests (multi-document YAML), with unsupported faults and the stop conditions as
// comments (viewer).
import { stringify } from 'yaml';
import { chaosMeshManifests } from '@/lib/domain/chaos/chaos-mesh-manifests';
import { guarded } from '@/lib/server/auth/guarded';
import { getExperiment } from '@/lib/server/chaos/experiment-store';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ id: string }>('viewer', async (request, context, { tenant }) => {
  const { id } = await context.params;
  const params = new URL(request.url).searchParams;
  const namespace = params.get('namespace') ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) throw new AppError('bad_request', 'namespace: must be a Kubernetes namespace name', { details: { field: 'namespace' } });
  const port = Number(params.get('port') ?? '80');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new AppError('bad_request', 'port: must be 1-65535', { details: { field: 'port' } });
  const experiment = await getExperiment((await getDatabase()).pool, tenant(), id);
  const out = chaosMeshManifests(experiment.definition, { namespace, port });
  const comments = [`Chaos Mesh manifests of the Tracehound experiment "${experiment.name}" (version ${experiment.version}).`, ...out.unsupported, ...out.guidance]
    .map((line) => `# ${line.replace(/[\r\n]+/g, ' ')}`)
    .join('\n');
  const body = `${comments}\n${out.manifests.map((m) => `---\n${stringify(m)}`).join('')}`;
  return new Response(body, { headers: { 'content-type': 'application/yaml; charset=utf-8', 'content-disposition': `attachment; filename="${experiment.id}-chaos-mesh.yaml"` } });
});
