import 'server-only';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import type { Database } from '../db/database';
import { bytesToHex } from '../db/id-bytes';
import { prismaFor } from '../db/prisma';

export async function listRecentTraces(db: Database, tenant: string, limit: number): Promise<TraceSummary[]> {
  const rows = await prismaFor(db).traceSummary.findMany({
    where: { tenant },
    orderBy: { startTimeUnixNano: 'desc' },
    take: limit,
  });
  return rows.map((row) => ({
    traceId: bytesToHex(row.traceId),
    rootService: row.rootServiceName,
    rootName: row.rootSpanName,
    startUnixNano: row.startTimeUnixNano.toString(),
    durationNs: (row.endTimeUnixNano - row.startTimeUnixNano).toString(),
    spanCount: row.spanCount,
    errorCount: row.errorCount,
    services: row.services,
  }));
}
