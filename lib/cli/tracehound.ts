// The tracehound command line: dispatches subcommands (`analyze`, `agent`). `users` and `tokens` open the
// database and have their own entry (run-accounts.ts), which bin/tracehound.mjs loads under the react-server condition.
import { runAgent } from './run-agent';
import { runAnalyze, type CliIo } from './run-analyze';
import { runDiff } from './run-diff';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'analyze') return runAnalyze(rest, io);
  if (command === 'agent') return runAgent(rest, io);
  if (command === 'diff') return runDiff(rest, io);
  io.stderr(
    `usage: tracehound analyze [--fail-on TYPE] FILE\n       tracehound diff A.json B.json [--fail-on new-error|missing-span|p95+PCT] [--noise FILE]\n       tracehound agent --control-listen HOST:PORT [--config FILE]\n       tracehound users|tokens …\n${command ? `unknown command: ${command}\n` : ''}`,
  );
  return 2;
}
