// The Toxiproxy-compatible subset of the control API (Toxiproxy 2.x paths, bodies and status codes), so the
// toxiproxy-node-client package and scripts written for Toxiproxy work unchanged. Differences, all on the
// safe side: proxies can only be created for configured/allowed upstreams (403), and every toxic and every
// disabled proxy gets the configured default deadline (caps.defaultToxicMs), since this API has no such field.
import { z } from 'zod';
import type { Agent } from '../agent';
import type { TcpProxy } from '../tcp/tcp-proxy';
import { parseToxicAttributes, toxicBodySchema, toxicJson } from '../tcp/toxic';
import { AgentError } from './agent-error';
import { parseBody } from './parse-body';
import type { Endpoint } from './router';

export const TOXIPROXY_VERSION = '2.12.0';

const proxyBody = z.object({
  name: z.string({ error: 'name is required' }).regex(/^[A-Za-z0-9_.-]{1,64}$/, 'name must be 1-64 letters, digits, _ . -'),
  listen: z.string({ error: 'listen is required' }),
  upstream: z.string({ error: 'upstream is required' }),
  enabled: z.boolean().default(true),
});
const proxyUpdate = z.object({ enabled: z.boolean().optional(), listen: z.string().optional(), upstream: z.string().optional() });

function proxyJson(proxy: TcpProxy) {
  return { ...proxy.config, toxics: proxy.toxicList().map(toxicJson) };
}

function proxyOf(agent: Agent, name: string): TcpProxy {
  const proxy = agent.tcpProxies.get(name);
  if (!proxy) throw new AgentError(404, agent.httpRoutes.has(name) ? `${name} is an HTTP route: use POST /tracehound/routes/${name}/faults` : `proxy ${name} not found`);
  return proxy;
}

async function setEnabled(agent: Agent, proxy: TcpProxy, enabled: boolean): Promise<void> {
  if (enabled === proxy.config.enabled) return;
  if (enabled) {
    agent.registry
      .list()
      .filter((f) => f.kind === 'down' && f.route === proxy.name)
      .forEach((f) => agent.registry.revert(f.id, 'deleted'));
    await proxy.setEnabled(true);
  } else agent.takeDown(proxy, Date.now() + agent.config.caps.defaultToxicMs);
}

async function createOrUpdate(agent: Agent, spec: z.infer<typeof proxyBody>): Promise<TcpProxy> {
  const existing = agent.tcpProxies.get(spec.name);
  if (!existing) {
    const proxy = await agent.createProxy({ ...spec, enabled: true });
    if (!spec.enabled) await setEnabled(agent, proxy, false);
    return proxy;
  }
  agent.checkUpstream(spec.upstream);
  existing.config.upstream = spec.upstream;
  await setEnabled(agent, existing, spec.enabled);
  return existing;
}

export const toxiproxyEndpoints: Endpoint[] = [
  { method: 'GET', path: '/version', handle: () => ({ status: 200, text: TOXIPROXY_VERSION }) },
  { method: 'POST', path: '/reset', handle: async ({ agent }) => (await agent.reset(), { status: 204 }) },
  { method: 'GET', path: '/proxies', handle: ({ agent }) => ({ status: 200, json: Object.fromEntries([...agent.tcpProxies.values()].map((p) => [p.name, proxyJson(p)])) }) },
  {
    method: 'POST',
    path: '/proxies',
    handle: async ({ agent, body }) => {
      const spec = parseBody(proxyBody, body);
      const proxy = await agent.createProxy({ ...spec, enabled: true });
      if (!spec.enabled) await setEnabled(agent, proxy, false);
      return { status: 201, json: proxyJson(proxy) };
    },
  },
  {
    method: 'POST',
    path: '/populate',
    handle: async ({ agent, body }) => {
      const specs = parseBody(z.array(proxyBody, { error: 'body must be an array of proxies' }), body);
      const proxies = [];
      for (const spec of specs) proxies.push(proxyJson(await createOrUpdate(agent, spec)));
      return { status: 201, json: { proxies } };
    },
  },
  { method: 'GET', path: '/proxies/:proxy', handle: ({ agent, params }) => ({ status: 200, json: proxyJson(proxyOf(agent, params.proxy!)) }) },
  {
    method: 'POST',
    path: '/proxies/:proxy',
    handle: async ({ agent, params, body }) => {
      const proxy = proxyOf(agent, params.proxy!);
      const update = parseBody(proxyUpdate, body);
      if (update.upstream !== undefined && update.upstream !== proxy.config.upstream) {
        agent.checkUpstream(update.upstream);
        proxy.config.upstream = update.upstream;
      }
      if (update.listen !== undefined && update.listen !== proxy.config.listen) {
        proxy.stop();
        proxy.config.listen = update.listen;
        if (proxy.config.enabled) await proxy.start();
      }
      if (update.enabled !== undefined) await setEnabled(agent, proxy, update.enabled);
      return { status: 200, json: proxyJson(proxy) };
    },
  },
  { method: 'DELETE', path: '/proxies/:proxy', handle: ({ agent, params }) => (agent.deleteProxy(params.proxy!), { status: 204 }) },
  { method: 'GET', path: '/proxies/:proxy/toxics', handle: ({ agent, params }) => ({ status: 200, json: proxyOf(agent, params.proxy!).toxicList().map(toxicJson) }) },
  {
    method: 'POST',
    path: '/proxies/:proxy/toxics',
    handle: ({ agent, params, body }) => {
      const proxy = proxyOf(agent, params.proxy!);
      const toxic = agent.addToxic(proxy, parseBody(toxicBodySchema, body), Date.now() + agent.config.caps.defaultToxicMs);
      return { status: 200, json: toxicJson(toxic) };
    },
  },
  {
    method: 'GET',
    path: '/proxies/:proxy/toxics/:toxic',
    handle: ({ agent, params }) => {
      const toxic = proxyOf(agent, params.proxy!).getToxic(params.toxic!);
      if (!toxic) throw new AgentError(404, `toxic ${params.toxic} not found`);
      return { status: 200, json: toxicJson(toxic) };
    },
  },
  {
    method: 'POST',
    path: '/proxies/:proxy/toxics/:toxic',
    handle: ({ agent, params, body }) => {
      // Toxiproxy's update: toxicity and attributes change, the rest stays; so does the deadline.
      const proxy = proxyOf(agent, params.proxy!);
      const toxic = proxy.getToxic(params.toxic!);
      if (!toxic) throw new AgentError(404, `toxic ${params.toxic} not found`);
      const update = parseBody(z.object({ toxicity: z.number().min(0).max(1).optional(), attributes: z.record(z.string(), z.unknown()).optional() }), body);
      const replacement = { name: toxic.name, type: toxic.type, stream: toxic.stream, toxicity: update.toxicity ?? toxic.toxicity, attributes: { ...toxic.attributes, ...update.attributes } };
      const checked = parseToxicAttributes(toxic.type, replacement.attributes);
      if (!checked.ok) throw new AgentError(400, checked.message);
      agent.removeToxic(proxy, toxic.name);
      return { status: 200, json: toxicJson(agent.addToxic(proxy, replacement, toxic.expiresAt)) };
    },
  },
  { method: 'DELETE', path: '/proxies/:proxy/toxics/:toxic', handle: ({ agent, params }) => (agent.removeToxic(proxyOf(agent, params.proxy!), params.toxic!), { status: 204 }) },
];
