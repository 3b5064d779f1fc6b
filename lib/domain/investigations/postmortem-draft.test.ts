import { describe, expect, it } from 'vitest';
import type { InvestigationDetail, InvestigationItem } from './investigation';
import { postmortemDraft } from './postmortem-draft';

const T = 'a'.repeat(32);
const at = (ms: number) => (BigInt(Date.parse('2026-11-28T10:00:00Z') + ms) * 1_000_000n).toString();

function item(id: string, kind: InvestigationItem['kind'], payload: Record<string, unknown>, occurred: string | null): InvestigationItem {
  return {
    id,
    kind,
    ref: null,
    traceId: kind === 'note' || kind === 'log-query' ? null : T,
    payload,
    occurredUnixNano: occurred,
    author: 'alice',
    authorId: 'u1',
    createdAt: '2026-11-28T11:00:00.000Z',
    editedAt: null,
    editedBy: null,
  };
}

const inv: InvestigationDetail = {
  id: 'inv-1',
  tenant: 'default',
  title: 'Checkout [down] <b>',
  severity: 'sev1',
  status: 'resolved',
  owner: 'alice',
  windowStartUnixNano: null,
  windowEndUnixNano: null,
  services: [],
  createdBy: 'alice',
  createdAt: '',
  updatedAt: '',
  itemCount: 4,
  snapshots: [],
  traces: { [T]: { traceId: T, rootService: 'gateway', rootName: 'POST /checkout', startUnixNano: at(0), durationNs: '2000000000', spanCount: 12, errorCount: 3, services: ['gateway', 'payment'] } },
  items: [
    item('4', 'note', { body: 'See [x](javascript:alert(1)) <script>alert(1)</script>' }, null),
    item('2', 'finding', { finding: { type: 'timeout-cascade', title: 'gateway waited', spanIds: ['1'.repeat(16)] } }, at(500)),
    item('3', 'finding', { finding: { type: 'root-cause-error', title: 'payment failed first', spanIds: ['2'.repeat(16), '3'.repeat(16)] } }, at(100)),
    item('1', 'log-query', { query: '{app="payment"} |= "timeout"', from: at(0), to: at(60_000), excerpt: [{ timeUnixNano: at(1), line: 'timeout ``` ## not a heading' }] }, at(0)),
  ],
};

describe('postmortemDraft', () => {
  const md = postmortemDraft(inv, 'https://th.example');

  it('has the usual sections in order', () => {
    const headings = [...md.matchAll(/^##? (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Postmortem: Checkout \\[down\\] \\<b\\>', 'Summary', 'Impact', 'Timeline', 'Root cause', 'Contributing factors', 'What went well', 'Action items']);
  });

  it('orders the timeline by evidence time and links each entry to its evidence', () => {
    const timeline = md.split('## Timeline')[1]!.split('## Root cause')[0]!.trim().split('\n');
    expect(timeline.map((l) => /#item-(\d+)/.exec(l)?.[1])).toEqual(['1', '3', '2', '4']);
    expect(timeline[0]).toContain('2026-11-28T10:00:00.000Z');
  });

  it('puts the root-cause-error finding first, with its cascade linked span by span', () => {
    const root = md.split('## Root cause')[1]!.split('## Contributing')[0]!.trim().split('\n');
    expect(root[0]).toContain('root-cause-error');
    expect(root[0]).toContain(`https://th.example/traces/${T}?span=${'2'.repeat(16)}&details=1`);
    expect(root[0]).toContain(`?span=${'3'.repeat(16)}`);
    expect(root[1]).toContain('timeout-cascade');
  });

  it('quotes pinned log lines in a fence no line can close', () => {
    expect(md).toContain('````text\n2026-11-28T10:00:00.001Z timeout ``` ## not a heading\n````');
  });

  it('escapes user text so it cannot become markup or links', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('](javascript:');
  });
});
