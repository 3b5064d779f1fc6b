// Per operation (service + span name), the run's "during" window against the baseline before it: count,
// error rate and p95 latency (ms). `onlyDuring` marks operations that appear only under the fault (retries,
// fallbacks, compensations).
export interface OperationStats {
  count: number;
  errorRate: number;
  p95Ms: number | null;
}

export interface OperationComparison {
  service: string;
  name: string;
  before: OperationStats | null;
  during: OperationStats | null;
  onlyDuring: boolean;
}

export function compareOperations(before: ReadonlyMap<string, OperationStats>, during: ReadonlyMap<string, OperationStats>): OperationComparison[] {
  const keys = new Set([...before.keys(), ...during.keys()]);
  return [...keys]
    .map((key) => {
      const [service, name] = JSON.parse(key) as [string, string];
      const b = before.get(key) ?? null;
      const d = during.get(key) ?? null;
      return { service, name, before: b, during: d, onlyDuring: b === null && d !== null };
    })
    .sort((x, y) => Number(y.onlyDuring) - Number(x.onlyDuring) || (y.during?.count ?? 0) - (x.during?.count ?? 0) || x.service.localeCompare(y.service) || x.name.localeCompare(y.name));
}

export const operationKey = (service: string, name: string) => JSON.stringify([service, name]);
