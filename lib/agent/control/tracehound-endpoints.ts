// Tracehound's own control endpoints (always behind the control token): lease, faults with required
// deadlines on any configured route, halt, capture and shadow settings, status.
import type { Endpoint } from './router';
import { AgentError } from './agent-error';

export const tracehoundEndpoints: Endpoint[] = [
  { method: 'POST', path: '/halt', handle: ({ agent }) => ({ status: 200, json: { reverted: agent.halt('halt') } }) },
  { method: 'GET', path: '/tracehound/status', handle: ({ agent }) => ({ status: 200, json: agent.status() }) },
  { method: 'PUT', path: '/tracehound/lease', handle: ({ agent, body }) => ({ status: 200, json: agent.renewLease(body) }) },
  {
    method: 'DELETE',
    path: '/tracehound/lease',
    handle: ({ agent }) => {
      // Giving the lease back means the controller is done: nothing it started may outlive it.
      agent.lease.release();
      return { status: 200, json: { reverted: agent.halt('halt') } };
    },
  },
  { method: 'GET', path: '/tracehound/faults', handle: ({ agent }) => ({ status: 200, json: { faults: agent.registry.list().map((f) => f.view()) } }) },
  { method: 'POST', path: '/tracehound/routes/:route/faults', handle: ({ agent, params, body }) => ({ status: 201, json: agent.addFault(params.route!, body) }) },
  {
    method: 'DELETE',
    path: '/tracehound/faults/:id',
    handle: ({ agent, params }) => {
      if (!agent.registry.revert(params.id!, 'deleted')) throw new AgentError(404, `fault ${params.id} not found (it may have expired)`);
      return { status: 204 };
    },
  },
  { method: 'PUT', path: '/tracehound/routes/:route/capture', handle: ({ agent, params, body }) => ({ status: 200, json: agent.setCapture(params.route!, body) }) },
  { method: 'PUT', path: '/tracehound/routes/:route/shadow', handle: ({ agent, params, body }) => ({ status: 200, json: agent.setShadow(params.route!, body) }) },
];
