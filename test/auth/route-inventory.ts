// Every route handler under app/, found by reading the file tree (not a hand-kept list), with a sample URL
// for its dynamic segments and the HTTP methods it exports. The access tests walk this inventory, so a new
// route is tested the moment its file exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RouteFile {
  /** e.g. "app/api/traces/[traceId]/route.ts" */
  file: string;
  /** URL with sample values in dynamic segments, e.g. "/api/traces/0123…/" */
  url: string;
  methods: string[];
}

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLES: Record<string, string> = {
  traceId: '0123456789abcdef0123456789abcdef',
  spanId: '0123456789abcdef',
  service: 'svc',
  name: 'app',
  userId: 'no-such-user',
  tokenId: 'no-such-token',
  id: '00000000-0000-4000-8000-000000000000',
  investigationId: '00000000-0000-4000-8000-000000000000',
  itemId: '1',
};

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (entry === 'route.ts') out.push(full);
  }
}

export function routeInventory(): RouteFile[] {
  const files: string[] = [];
  walk(path.join(ROOT, 'app'), files);
  return files.map((full) => {
    const file = path.relative(ROOT, full).split(path.sep).join('/');
    const segments = file
      .replace(/^app\//, '')
      .replace(/\/?route\.ts$/, '')
      .split('/')
      .filter(Boolean);
    const url =
      '/' +
      segments
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => {
          const dynamic = /^\[(?:\.\.\.)?(.+)\]$/.exec(s);
          return dynamic ? (SAMPLES[dynamic[1]!] ?? 'sample') : s;
        })
        .join('/');
    const source = readFileSync(full, 'utf8');
    const methods = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
    return { file, url, methods };
  });
}
