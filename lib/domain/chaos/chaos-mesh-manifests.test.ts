import { describe, expect, it } from 'vitest';
import { experimentSchema } from './experiment-schema';
import { chaosMeshManifests } from './chaos-mesh-manifests';

const experiment = experimentSchema.parse({
  name: 'Payment slow!',
  method: [
    { agent: 'edge-1', route: 'payment', fault: { type: 'latency', delayMs: 800, probability: 0.5, match: { methods: ['POST'], path: '/pay' } } },
    { agent: 'edge-1', route: 'gateway', fault: { type: 'error', status: 500 }, startOffsetSeconds: 10, durationSeconds: 100 },
    { agent: 'edge-1', route: 'payment', fault: { type: 'hang' } },
  ],
  durationSeconds: 30,
  stopConditions: [{ name: 'gw errors', selection: '{ resource.service.name = "gateway" }', metric: 'error_ratio', operator: '>', threshold: 0.2 }],
});

describe('chaosMeshManifests', () => {
  const out = chaosMeshManifests(experiment, { namespace: 'shop', port: 8080 });

  it('maps latency to HTTPChaos delay with mode/value from the probability and the service label', () => {
    expect(out.manifests[0]).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'HTTPChaos',
      metadata: { name: 'payment-slow-0', namespace: 'shop', annotations: { 'tracehound.dev/start-offset': '0s' } },
      spec: {
        mode: 'fixed-percent',
        value: '50',
        selector: { namespaces: ['shop'], labelSelectors: { app: 'payment' } },
        target: 'Request',
        port: 8080,
        path: '/pay',
        method: 'POST',
        delay: '800ms',
        duration: '30s',
      },
    });
  });

  it('maps an error to a replaced response code, clipped to the end of the run', () => {
    expect(out.manifests[1]!.spec).toMatchObject({ mode: 'all', target: 'Response', replace: { code: 500 }, duration: '20s', path: '*' });
  });

  it('reports faults without an equivalent and turns stop conditions into guidance', () => {
    expect(out.unsupported).toEqual(['method.2: hang has no Chaos Mesh equivalent']);
    expect(out.guidance[0]).toMatch(/^Stop condition "gw errors": watch error_ratio of \{ resource.service.name = "gateway" \} over 10s; if it goes > 0.2/);
  });
});
