// Prisma CLI configuration. DATABASE_URL is only needed by commands that talk to a database
// (`prisma migrate status/deploy` where Prisma's engine is available); `prisma generate` runs without it.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
