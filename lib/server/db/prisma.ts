import 'server-only';
// Prisma Client over the same node-postgres pool as the raw-SQL paths (one pool per process, both modes).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import type { Database } from './database';

const clients = new WeakMap<Database, PrismaClient>();

export function prismaFor(db: Database): PrismaClient {
  let client = clients.get(db);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg(db.pool) });
    clients.set(db, client);
  }
  return client;
}
