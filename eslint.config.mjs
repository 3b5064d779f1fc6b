// ESLint flat config: Next's rules (core-web-vitals + its typescript-eslint recommended set), the layering rules of
// lib/layering.test.ts as no-restricted-imports per directory, and eslint-config-prettier last so formatting is
// Prettier's alone. `npm run lint` runs it; see README (Quick start).
// Not type-aware: typed rules need the whole TypeScript program (tsc --noEmit alone is ~43 s of CPU here) on top
// of the ~48 s the untyped run takes, past the ~90 s budget for a lint run on the 2-core machines.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

// Mirrors lib/layering.test.ts (which stays: it also sees dynamic import() and Node globals in strings the
// linter cannot). ESLint reports the offending line in the editor; the test is the backstop in `npm test`.
const DOMAIN_FORBIDDEN = {
  regex: String.raw`^(react|react-dom|next|pg|@prisma\/|prisma|@tanstack\/|server-only|node:|fs$|path$|crypto$|zlib$|buffer$)|^@\/lib\/(server|client)\/|^@\/(app|components)\/`,
  message: 'lib/domain is pure (runs in browsers and Web Workers): no frameworks, databases, Node built-ins, lib/server, lib/client, app or components.',
};
const AGENT_FORBIDDEN = {
  regex: String.raw`^(react|react-dom|next|pg|@prisma\/|prisma|@tanstack\/|server-only)(\/|$)|^@\/lib\/(server|client)\/|^@\/(app|components)\/|\/(server|client)\/`,
  message: 'lib/agent runs outside Next: no React, Next, database, lib/server, lib/client, app or components.',
};
// lib/ is framework-free TypeScript below the UI: it never reaches up into routes or React views.
const LIB_FORBIDDEN = {
  regex: String.raw`^@\/(app|components)\/`,
  message: 'lib/ does not import from app/ or components/ (they depend on lib, not the other way round).',
};
// Browser code (React views, lib/client) must not pull server modules or database drivers into the bundle.
const BROWSER_FORBIDDEN = {
  regex: String.raw`^@\/lib\/server\/|^(pg|pg-copy-streams|@prisma\/.*|prisma|server-only)$`,
  message: 'Browser code (components, lib/client) must not import lib/server or database packages.',
};

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];
const restrict = (...patterns) => ['error', { patterns }];

const config = [
  {
    ignores: ['lib/server/db/generated/**', '.next/**', 'next-env.d.ts', '.data/**', 'test-results/**', 'playwright-report/**', 'tmp/**', '.cache/**'],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    name: 'tracehound/project',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Next's config makes these warnings; warnings are invisible in CI, so an unused name fails the lint.
      // A leading underscore marks a deliberately unused parameter or destructured rest sibling.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': 'error',
      // The next three come from React Compiler's checks in eslint-plugin-react-hooks 7. The app does not enable
      // React Compiler (next.config.ts has no reactCompiler), and they reject deliberate patterns:
      // - purity: reading the clock while rendering is intended where a label depends on "now" (the zone's
      //   current UTC offset, "last 15 minutes", agents' lease ages on a per-request server page);
      // - set-state-in-effect: resetting a draft input when its URL value changes, and the hydration marker
      //   (setHydrated(true) after mount) that e2e tests wait for, are the documented uses of effects here;
      // - incompatible-library: only says the compiler skips memoizing TanStack Virtual's useVirtualizer.
      // The other compiler checks (refs, error-boundaries, immutability, ...) stay on as errors.
      'react-hooks/purity': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/incompatible-library': 'off',
    },
  },
  { name: 'tracehound/layering-lib', files: ['lib/**/*.{ts,tsx}'], ignores: TEST_FILES, rules: { 'no-restricted-imports': restrict(LIB_FORBIDDEN) } },
  {
    name: 'tracehound/layering-domain',
    files: ['lib/domain/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': restrict(DOMAIN_FORBIDDEN, LIB_FORBIDDEN),
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'lib/domain runs in browsers: use Uint8Array / TextEncoder.' },
        { name: 'process', message: 'lib/domain runs in browsers: pass configuration in as arguments.' },
      ],
    },
  },
  { name: 'tracehound/layering-agent', files: ['lib/agent/**/*.{ts,tsx}'], ignores: TEST_FILES, rules: { 'no-restricted-imports': restrict(AGENT_FORBIDDEN, LIB_FORBIDDEN) } },
  { name: 'tracehound/layering-client', files: ['lib/client/**/*.{ts,tsx}'], ignores: TEST_FILES, rules: { 'no-restricted-imports': restrict(BROWSER_FORBIDDEN, LIB_FORBIDDEN) } },
  { name: 'tracehound/layering-components', files: ['components/**/*.{ts,tsx}'], ignores: TEST_FILES, rules: { 'no-restricted-imports': restrict(BROWSER_FORBIDDEN) } },
  prettier,
];

export default config;
