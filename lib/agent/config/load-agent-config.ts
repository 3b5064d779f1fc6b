// Reads the agent's configuration: the file (YAML, which includes JSON), then the environment on top
// (TRACEHOUND_AGENT_TOKEN, TRACEHOUND_DASHBOARD_URL, TRACEHOUND_DASHBOARD_TOKEN), then --control-listen.
// Any problem becomes one AgentConfigError line naming the setting, which the CLI prints before exiting.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { agentConfigSchema, type AgentConfig } from './agent-config';
import { isLoopbackHost, parseHostPort } from './host-port';

export class AgentConfigError extends Error {
  override name = 'AgentConfigError';
}

export interface AgentConfigSources {
  file?: string;
  controlListen?: string;
  env?: Record<string, string | undefined>;
}

export async function loadAgentConfig(sources: AgentConfigSources): Promise<AgentConfig> {
  let raw: unknown = {};
  if (sources.file) {
    let text: string;
    try {
      text = await readFile(sources.file, 'utf8');
    } catch (error) {
      throw new AgentConfigError(`cannot read config file ${sources.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      raw = parseYaml(text) ?? {};
    } catch (error) {
      throw new AgentConfigError(`config file ${sources.file} is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new AgentConfigError(`config file ${sources.file} must hold an object`);
  }
  return parseAgentConfig(applyOverrides(raw as Record<string, unknown>, sources));
}

function applyOverrides(raw: Record<string, unknown>, { controlListen, env = {} }: AgentConfigSources): Record<string, unknown> {
  const control = { ...(raw.control as Record<string, unknown> | undefined) };
  if (controlListen !== undefined) control.listen = controlListen;
  if (env.TRACEHOUND_AGENT_TOKEN) control.token = env.TRACEHOUND_AGENT_TOKEN;
  const dashboard = raw.dashboard === undefined && !env.TRACEHOUND_DASHBOARD_URL ? undefined : { ...(raw.dashboard as Record<string, unknown> | undefined) };
  if (dashboard && env.TRACEHOUND_DASHBOARD_URL) dashboard.url = env.TRACEHOUND_DASHBOARD_URL;
  if (dashboard && env.TRACEHOUND_DASHBOARD_TOKEN) dashboard.token = env.TRACEHOUND_DASHBOARD_TOKEN;
  return { ...raw, control, ...(dashboard ? { dashboard } : {}) };
}

/** Validates an already-parsed object (also used by tests and the demo, which build configs in code). */
export function parseAgentConfig(raw: unknown): AgentConfig {
  const result = agentConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'config';
    throw new AgentConfigError(`invalid agent config: ${where}: ${issue.message}`);
  }
  const config = result.data;
  const control = parseHostPort(config.control.listen)!;
  if (!isLoopbackHost(control.host) && !config.control.token) {
    throw new AgentConfigError(`invalid agent config: control.token is required when control.listen (${config.control.listen}) is not a loopback address`);
  }
  return config;
}
