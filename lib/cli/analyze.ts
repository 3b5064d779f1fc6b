// Entry for `npm run analyze -- [--fail-on TYPE] FILE` (tsx lib/cli/analyze.ts): the analyze subcommand
// without the "analyze" word. An optional leading "analyze" is accepted too.
import { runAnalyze } from './run-analyze';
import { processIo } from './process-io';

const args = process.argv.slice(2);
runAnalyze(args[0] === 'analyze' ? args.slice(1) : args, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
