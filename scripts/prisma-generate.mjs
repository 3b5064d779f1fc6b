// Runs `prisma generate` on machines where the Prisma CLI cannot download its schema engine.
// Generation never executes the engine, but the CLI insists that PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file; we point it at this Node binary unless the caller chose one.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
