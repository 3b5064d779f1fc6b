// The tracehound command line: dispatches subcommands (`analyze`, `agent`).
import { runAgent } from './run-agent';
import { runAnalyze, type CliIo } from './run-analyze';

export function processIo(): CliIo {
  return { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env };
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'analyze') return runAnalyze(rest, io);
  if (command === 'agent') return runAgent(rest, io);
  io.stderr(`usage: tracehound analyze [--fail-on TYPE] FILE\n       tracehound agent --control-listen HOST:PORT [--config FILE]\n${command ? `unknown command: ${command}\n` : ''}`);
  return 2;
}
