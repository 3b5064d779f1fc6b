#!/usr/bin/env node
// Package bin: runs the TypeScript CLI through tsx's loader, so no build step is needed.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../lib/cli/tracehound.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
