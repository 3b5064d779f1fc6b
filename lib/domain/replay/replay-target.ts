// A replay target as the API returns it: never its secrets' values, only their names.
export const TARGET_ENVIRONMENTS = ['production', 'staging', 'dev'] as const;
export type TargetEnvironment = (typeof TARGET_ENVIRONMENTS)[number];

export interface ReplayTarget {
  id: string;
  name: string;
  baseUrl: string;
  environment: TargetEnvironment;
  allowedMethods: string[];
  /** Addresses/CIDR ranges the target's host may resolve to; empty = public addresses only. */
  allowedAddresses: string[];
  secretNames: string[];
  createdAt: string;
  createdBy: string;
}
