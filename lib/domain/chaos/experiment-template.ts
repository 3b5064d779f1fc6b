// The experiment the /chaos editor starts from: the example ("payment +800 ms on 50% for 30 s"),
// with a stop condition on the gateway's error ratio.
import type { ExperimentInput } from './experiment-schema';

export const EXPERIMENT_TEMPLATE: ExperimentInput = {
  name: 'payment slow',
  description: 'Payment got slow and the gateway timeouts cascaded.',
  hypothesis: {
    indicators: [
      { name: 'gateway errors', selection: '{ resource.service.name = "gateway" }', metric: 'error_ratio', max: 0.05 },
      { name: 'gateway p95', selection: '{ resource.service.name = "gateway" }', metric: 'p95', max: 1000 },
    ],
  },
  method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'latency', delayMs: 800, probability: 0.5 }, startOffsetSeconds: 0 }],
  durationSeconds: 30,
  stopConditions: [{ name: 'gateway error ratio', selection: '{ resource.service.name = "gateway" }', metric: 'error_ratio', operator: '>', threshold: 0.2, windowSeconds: 10 }],
  baselineSeconds: 300,
  recoverySeconds: 10,
};
