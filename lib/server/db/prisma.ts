import 'server-only';
// Prisma Client on a small pool of its own (same database, both modes): the raw-SQL pool parses int8 as
// bigint, which Prisma's pg adapter does not expect.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import type { Database } from './database';

const clients = new WeakMap<Database, PrismaClient>();

export function prismaFor(db: Database): PrismaClient {
  let client = clients.get(db);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg(db.createPool(2)) });
    clients.set(db, client);
    const created = client;
    db.onClose(() => created.$disconnect());
  }
  return client;
}
