// The agent's configuration: what a config file (YAML or JSON) may hold, validated with zod so a bad setting
// stops startup with one line naming it. Units are in the names (Ms, Bytes); every cap has a safe default.
import { z } from 'zod';
import { parseHostPort } from './host-port';

const hostPort = z.string().refine((v) => parseHostPort(v) !== null, 'must be HOST:PORT (port 0-65535)');
const httpUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}, 'must be an http(s) URL without credentials');
const routeName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . -');
const fraction = z.number().min(0).max(1);

const captureSchema = z.strictObject({ sampleRate: fraction.default(1) });
const shadowSchema = z.strictObject({
  upstream: httpUrl,
  fraction: fraction.default(0),
  /** POST/PUT/PATCH/DELETE are mirrored only when the route says so: a shadow of a payment is a second payment. */
  includeUnsafeMethods: z.boolean().default(false),
});

const httpRouteSchema = z.strictObject({
  name: routeName,
  protocol: z.literal('http'),
  listen: hostPort,
  upstream: httpUrl,
  capture: captureSchema.optional(),
  shadow: shadowSchema.optional(),
});
const tcpRouteSchema = z.strictObject({ name: routeName, protocol: z.literal('tcp'), listen: hostPort, upstream: hostPort });

export const agentConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(128).default('tracehound-agent'),
    control: z.strictObject({ listen: hostPort.default('127.0.0.1:8474'), token: z.string().min(16, 'must be at least 16 characters').optional() }).default({ listen: '127.0.0.1:8474' }),
    dashboard: z
      .strictObject({
        url: httpUrl,
        token: z.string().min(1).optional(),
        tenant: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,128}$/)
          .default('default'),
      })
      .optional(),
    caps: z
      .strictObject({
        maxFaultMs: z.number().int().positive().max(86_400_000).default(600_000),
        /** Deadline of toxics created through the Toxiproxy-compatible API, which has no such field. */
        defaultToxicMs: z.number().int().positive().default(60_000),
        maxLeaseMs: z.number().int().positive().default(60_000),
        maxCaptureBodyBytes: z.number().int().nonnegative().default(65_536),
        captureQueueMax: z.number().int().positive().default(2_000),
        captureBatchMax: z.number().int().positive().default(200),
      })
      .default({ maxFaultMs: 600_000, defaultToxicMs: 60_000, maxLeaseMs: 60_000, maxCaptureBodyBytes: 65_536, captureQueueMax: 2_000, captureBatchMax: 200 }),
    scrub: z
      .strictObject({
        headers: z.array(z.string().min(1)).default([]),
        queryParams: z.array(z.string().min(1)).default([]),
        /** Dotted paths into JSON bodies, `*` for any key or array index: `card.number`, `items.*.token`. */
        jsonPaths: z.array(z.string().min(1)).default([]),
      })
      .default({ headers: [], queryParams: [], jsonPaths: [] }),
    /** Extra TCP upstreams the Toxiproxy-compatible API may create proxies for (routes' upstreams always may). */
    allowedUpstreams: z.array(hostPort).default([]),
    routes: z.array(z.discriminatedUnion('protocol', [httpRouteSchema, tcpRouteSchema])).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.routes.forEach((route, index) => {
      if (seen.has(route.name)) ctx.addIssue({ code: 'custom', path: ['routes', index, 'name'], message: `duplicate route name "${route.name}"` });
      seen.add(route.name);
    });
    if (config.caps.defaultToxicMs > config.caps.maxFaultMs) {
      ctx.addIssue({ code: 'custom', path: ['caps', 'defaultToxicMs'], message: 'must not exceed caps.maxFaultMs' });
    }
  });

export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type RouteConfig = AgentConfig['routes'][number];
export type HttpRouteConfig = Extract<RouteConfig, { protocol: 'http' }>;
export type TcpRouteConfig = Extract<RouteConfig, { protocol: 'tcp' }>;
