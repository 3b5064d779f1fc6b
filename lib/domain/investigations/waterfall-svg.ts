// A static span waterfall as an SVG string, drawn from a pinned trace snapshot for postmortem exports (a figure
// made from the data, not a screenshot). Rows are the span tree in pre-order; past `maxRows` the figure keeps
// the highlighted spans and their ancestors, then the earliest rows. Raw (uncorrected) times, relative to the
// earliest span start; nanoseconds are bigint until they become pixel offsets. All text is XML-escaped and
// secret-redacted, because span names are untrusted input.
import type { TracePayload, TracePayloadSpan } from '../model/trace-payload';
import { formatDurationNs } from '../time/format-duration';
import { redactSecrets } from './redact-secrets';

const ROW = 18;
const LABEL = 320;
const WIDTH = 960;
const BAR = WIDTH - LABEL - 90;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Row {
  span: TracePayloadSpan;
  depth: number;
}

function preOrder(trace: TracePayload): Row[] {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  const children = new Map<string | null, TracePayloadSpan[]>();
  for (const s of trace.spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : null;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const rows: Row[] = [];
  const seen = new Set<string>();
  const stack: Row[] = (children.get(null) ?? []).map((span) => ({ span, depth: 0 })).reverse();
  while (stack.length > 0) {
    const row = stack.pop()!;
    if (seen.has(row.span.spanId)) continue;
    seen.add(row.span.spanId);
    rows.push(row);
    for (const child of [...(children.get(row.span.spanId) ?? [])].reverse()) stack.push({ span: child, depth: row.depth + 1 });
  }
  return rows;
}

function chooseRows(trace: TracePayload, rows: Row[], highlight: ReadonlySet<string>, maxRows: number): Row[] {
  if (rows.length <= maxRows) return rows;
  const byId = new Map(trace.spans.map((s) => [s.spanId, s]));
  const keep = new Set<string>();
  for (const id of highlight) {
    for (let s = byId.get(id); s && !keep.has(s.spanId) && keep.size < maxRows; s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined) keep.add(s.spanId);
  }
  for (const r of rows) {
    if (keep.size >= maxRows) break;
    keep.add(r.span.spanId);
  }
  return rows.filter((r) => keep.has(r.span.spanId));
}

export function waterfallSvg(trace: TracePayload, highlight: ReadonlySet<string> = new Set(), maxRows = 40): string {
  const all = preOrder(trace);
  const rows = chooseRows(trace, all, highlight, maxRows);
  if (rows.length === 0) return '';
  let min = BigInt(rows[0]!.span.startTimeUnixNano);
  let max = BigInt(rows[0]!.span.endTimeUnixNano);
  for (const { span } of all) {
    const a = BigInt(span.startTimeUnixNano);
    const b = BigInt(span.endTimeUnixNano);
    if (a < min) min = a;
    if (b > max) max = b;
  }
  const total = max - min > 0n ? max - min : 1n;
  const x = (ns: bigint) => LABEL + (Number(((ns - min) * 1_000_000n) / total) / 1_000_000) * BAR;
  const height = rows.length * ROW + 28;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="waterfall-figure" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(`Span waterfall of trace ${trace.traceId}`)}">`,
    `<style>text{font:11px system-ui,sans-serif;fill:#222}.e{fill:#d64550}.s{fill:#4a78c2}.h{stroke:#f5a524;stroke-width:2}.m{fill:#777}</style>`,
    `<text x="0" y="12" class="m">${escapeXml(`${rows.length} of ${trace.summary.spanCount} spans · ${formatDurationNs(total)}`)}</text>`,
  ];
  rows.forEach(({ span, depth }, i) => {
    const y = 20 + i * ROW;
    const service = trace.resources[span.resourceIndex]?.serviceName ?? '';
    const label = redactSecrets(`${service}: ${span.name}`);
    const shown = label.length > 46 - Math.min(depth, 10) ? `${label.slice(0, 45 - Math.min(depth, 10))}…` : label;
    const x0 = x(BigInt(span.startTimeUnixNano));
    const w = Math.max(1, x(BigInt(span.endTimeUnixNano)) - x0);
    const cls = `${span.statusCode === 2 ? 'e' : 's'}${highlight.has(span.spanId) ? ' h' : ''}`;
    const duration = formatDurationNs(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano));
    parts.push(
      `<g data-span-id="${escapeXml(span.spanId)}"><text x="${Math.min(depth, 10) * 10}" y="${y + 12}">${escapeXml(shown)}</text>` +
        `<rect class="${cls}" x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" rx="2"/>` +
        `<text x="${(x0 + w + 4).toFixed(1)}" y="${y + 12}" class="m">${escapeXml(duration)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
