// `tracehound agent --control-listen HOST:PORT [--config FILE]`: runs an agent until SIGTERM/SIGINT, on which
// it reverts every fault first, then stops. A bad setting exits 2 with one line naming it.
import { AgentConfigError, loadAgentConfig } from '../agent/config/load-agent-config';
import { startAgent } from '../agent/start-agent';
import type { CliIo } from './run-analyze';

const USAGE = 'usage: tracehound agent --control-listen HOST:PORT [--config FILE]';

export async function runAgent(args: readonly string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  let file: string | undefined;
  let controlListen: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const [flag, inline] = args[k]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++k];
    if (flag === '--help' || flag === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else if (flag === '--config') file = value();
    else if (flag === '--control-listen') controlListen = value();
    else {
      io.stderr(`${USAGE}\nunknown argument: ${args[k]}\n`);
      return 2;
    }
  }
  if (controlListen === undefined && file === undefined) {
    io.stderr(`${USAGE}\n--control-listen or --config is required\n`);
    return 2;
  }
  let running;
  try {
    running = await startAgent(await loadAgentConfig({ file, controlListen, env: io.env }), { log: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    io.stderr(`tracehound agent: ${error instanceof AgentConfigError ? error.message : `cannot start: ${(error as Error).message}`}\n`);
    return 2;
  }
  const routes = running.agent.status().routes.map((r) => `${r.name} ${r.protocol} ${r.listen} -> ${r.upstream}`);
  io.stdout(`tracehound agent listening: control http://${running.controlAddress}${routes.length ? `; routes: ${routes.join(', ')}` : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      io.stderr(`tracehound agent: ${signal}, reverting ${running.agent.registry.list().length} fault(s) and stopping\n`);
      resolve();
    };
    signals.once('SIGTERM', () => stop('SIGTERM'));
    signals.once('SIGINT', () => stop('SIGINT'));
  });
  await running.stop();
  return 0;
}
