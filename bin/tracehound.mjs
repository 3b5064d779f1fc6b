#!/usr/bin/env node
// Package bin: runs the TypeScript CLI through tsx's loader, so no build step is needed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

// Commands that open the database load server modules guarded by `server-only`, which resolves to a no-op only
// under the react-server condition: run them in a child node with it.
const needsServer = ['users', 'tokens'].includes(process.argv[2] ?? '');
if (needsServer && !process.execArgv.includes('--conditions=react-server')) {
  const child = spawnSync(process.execPath, ['--conditions=react-server', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { main } = await tsImport(needsServer ? '../lib/cli/run-accounts.ts' : '../lib/cli/tracehound.ts', import.meta.url);
const { processIo } = await tsImport('../lib/cli/process-io.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2), processIo());
