// An experiment's faults as Chaos Mesh manifests, for Kubernetes users (Chaos Mesh v1alpha1 HTTPChaos /
// NetworkChaos). Mapping: the route name is the service, selected by the label `app: <route>`; latency →
// HTTPChaos `delay`, error → `replace.code`, abort → `abort`, bandwidth → NetworkChaos `bandwidth`;
// probability → `mode: fixed-percent` with `value` = probability × 100 (Chaos Mesh picks pods, not requests:
// the closest equivalent of a blast radius). hang and slow_body have no equivalent and are reported in
// `unsupported`. Stop conditions cannot be expressed; they come back as guidance comments.
import type { Experiment } from './experiment-schema';

export interface ChaosMeshOptions {
  namespace: string;
  /** The port the target service listens on (HTTPChaos intercepts it). */
  port: number;
}

export interface ChaosMeshExport {
  manifests: Record<string, unknown>[];
  unsupported: string[];
  guidance: string[];
}

const k8sName = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50) || 'experiment';

export function chaosMeshManifests(experiment: Experiment, options: ChaosMeshOptions): ChaosMeshExport {
  const manifests: Record<string, unknown>[] = [];
  const unsupported: string[] = [];
  experiment.method.forEach((step, i) => {
    const fault = step.fault as Record<string, unknown> & { type: string };
    const probability = typeof fault.probability === 'number' ? fault.probability : 1;
    const match = (fault.match ?? {}) as { methods?: string[]; path?: string };
    const duration = `${Math.min(step.durationSeconds ?? experiment.durationSeconds, experiment.durationSeconds - step.startOffsetSeconds)}s`;
    const metadata = { name: `${k8sName(experiment.name)}-${i}`, namespace: options.namespace, annotations: { 'tracehound.dev/start-offset': `${step.startOffsetSeconds}s` } };
    const selector = { namespaces: [options.namespace], labelSelectors: { app: step.route } };
    const mode = probability >= 1 ? { mode: 'all' } : { mode: 'fixed-percent', value: String(Math.max(1, Math.round(probability * 100))) };
    const http = (action: Record<string, unknown>) =>
      manifests.push({
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'HTTPChaos',
        metadata,
        spec: {
          ...mode,
          selector,
          target: fault.phase === 'response' ? 'Response' : 'Request',
          port: options.port,
          path: match.path ?? '*',
          ...(match.methods?.length === 1 ? { method: match.methods[0] } : {}),
          ...action,
          duration,
        },
      });
    switch (fault.type) {
      case 'latency':
        http({ delay: `${Number(fault.delayMs ?? 0)}ms` });
        break;
      case 'error':
        http({ target: 'Response', replace: { code: Number(fault.status ?? 503) } });
        break;
      case 'abort':
        http({ abort: true });
        break;
      case 'bandwidth':
        manifests.push({
          apiVersion: 'chaos-mesh.org/v1alpha1',
          kind: 'NetworkChaos',
          metadata,
          spec: {
            action: 'bandwidth',
            ...mode,
            selector,
            bandwidth: { rate: `${Math.max(1, Math.round((Number(fault.bytesPerSecond) * 8) / 1000))}kbps`, limit: 20_971_520, buffer: 10_000 },
            duration,
          },
        });
        break;
      default:
        unsupported.push(`method.${i}: ${fault.type} has no Chaos Mesh equivalent`);
    }
  });
  const guidance = experiment.stopConditions.map(
    (c) =>
      `Stop condition "${c.name}": watch ${c.metric} of ${c.selection} over ${c.windowSeconds}s; if it goes ${c.operator} ${c.threshold}, delete these resources (kubectl delete -f) or pause them (annotation experiment.chaos-mesh.org/pause=true).`,
  );
  return { manifests, unsupported, guidance };
}
