// Keeps the layers honest (see README, Architecture): lib/domain runs in browsers and Web Workers and must not
// import frameworks, databases or Node built-ins; lib/server modules are marked server-only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.(int\.)?test\.tsx?$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);
}

const FORBIDDEN_IN_DOMAIN = /^(react|react-dom|next|pg|@prisma\/|prisma|@tanstack\/|server-only|node:|fs$|path$|crypto$|zlib$|buffer$)|^@\/lib\/(server|client)\/|^@\/(app|components)\//;

describe('layering', () => {
  it('lib/domain imports no framework, database or Node built-in', () => {
    const offenders = sourceFiles('lib/domain').flatMap((file) =>
      importsOf(file)
        .filter((spec) => FORBIDDEN_IN_DOMAIN.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lib/domain does not use Node globals (Buffer, process)', () => {
    const offenders = sourceFiles('lib/domain').filter((file) => /\b(Buffer\.|process\.)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('lib/agent runs outside Next: no React, Next, database or lib/server imports', () => {
    const forbidden = /^(react|react-dom|next|pg|@prisma\/|prisma|@tanstack\/|server-only)(\/|$)|^@\/lib\/(server|client)\/|^@\/(app|components)\/|\/(server|client)\//;
    const offenders = sourceFiles('lib/agent').flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("every lib/server module that talks to the database or HTTP layer is marked 'server-only'", () => {
    const unmarked = sourceFiles('lib/server').filter((file) => {
      const text = readFileSync(file, 'utf8');
      const touchesRuntime = /from ['"](pg|@prisma\/|next\/)|getDatabase\(/.test(text);
      return touchesRuntime && !text.includes("import 'server-only'");
    });
    expect(unmarked).toEqual([]);
  });
});
