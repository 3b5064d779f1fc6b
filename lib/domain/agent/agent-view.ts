// What the dashboard shows about a registered agent: its registration, whether it answered, and its own
// status (lease, routes, active faults, capture shipping). Shared by GET /api/agents and the /agents page.
export interface AgentStatusBody {
  name: string;
  version: string;
  lease: { holder: string; ttlMs: number; expiresAt: string } | null;
  routes: { name: string; protocol: string; listen: string; upstream: string; enabled?: boolean; captureRate?: number }[];
  faults: { id: string; kind: string; route: string; type: string; expiresAt?: string; expires_at?: string }[];
  captures: { queued: number; shipped: number; dropped: number; lastError: string | null } | null;
}

export interface AgentRecord {
  id: string;
  name: string;
  url: string;
  environment: string;
  createdAt: string;
  createdBy: string;
}

export interface AgentHealth extends AgentRecord {
  reachable: boolean;
  error: string | null;
  status: AgentStatusBody | null;
  leaseHolders: { holder: string; holdUntil: string; renewedAt: string | null; lastError: string | null }[];
}
