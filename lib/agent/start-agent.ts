// Starts an agent and its control API; `stop` reverts every fault before anything else, then closes.
import { Agent, type AgentOptions } from './agent';
import type { AgentConfig } from './config/agent-config';
import { ControlServer } from './control/control-server';

export interface RunningAgent {
  agent: Agent;
  /** HOST:PORT the control API listens on (the real port when configured as :0). */
  controlAddress: string;
  stop: () => Promise<void>;
}

export async function startAgent(config: AgentConfig, options: AgentOptions = {}): Promise<RunningAgent> {
  const agent = new Agent(config, options);
  const control = new ControlServer(agent);
  try {
    await agent.start();
  } catch (error) {
    await agent.stop();
    throw error;
  }
  let controlAddress: string;
  try {
    controlAddress = await control.listen();
  } catch (error) {
    await agent.stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    agent,
    controlAddress,
    stop: () => {
      stopping ??= (async () => {
        agent.halt('shutdown');
        await control.close();
        await agent.stop();
      })();
      return stopping;
    },
  };
}
