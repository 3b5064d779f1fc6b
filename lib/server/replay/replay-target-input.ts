import 'server-only';
// The body of POST /api/replay-targets, validated at the boundary; errors name the field.
import { z } from 'zod';
import { REPLAY_METHODS, SAFE_METHODS } from '@/lib/domain/replay/replay-request';
import { TARGET_ENVIRONMENTS } from '@/lib/domain/replay/replay-target';

export const createTargetSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . -'),
  baseUrl: z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials, query or fragment'),
  environment: z.enum(TARGET_ENVIRONMENTS, { error: `must be one of ${TARGET_ENVIRONMENTS.join(', ')}` }),
  allowedMethods: z
    .array(z.enum(REPLAY_METHODS, { error: `each must be one of ${REPLAY_METHODS.join(', ')}` }))
    .min(1)
    .default([...SAFE_METHODS]),
  allowedAddresses: z.array(z.string().max(64)).max(64).default([]),
  secrets: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'secret names are 1-64 letters, digits, _'), z.string().min(1).max(8192)).default({}),
});

export type CreateTargetInput = z.infer<typeof createTargetSchema>;
