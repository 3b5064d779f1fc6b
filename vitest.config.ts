import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure lib code, *.test.ts beside the module) and `integration` (real Postgres, real
// HTTP; *.int.test.ts). Integration tests get a fresh database per file from test/support/test-database.ts.
const alias = {
  '@': path.resolve(__dirname),
  // `server-only` throws outside React Server Components; in tests and scripts it is a no-op.
  'server-only': path.resolve(__dirname, 'test/support/server-only-noop.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'demo/**/*.test.ts', 'corpus/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
