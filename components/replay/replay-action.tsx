'use client';
// The "Replay" action of span details: offered when the span has a capture, or HTTP method and URL
// attributes to rebuild its request from (then the editor marks the body unknown).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { spanCaptureCountQuery } from '@/lib/client/replay-api';
import type { TextAttribute } from '@/lib/domain/waterfall/span-detail';

const METHOD_KEYS = new Set(['http.request.method', 'http.method']);
const URL_KEYS = new Set(['url.full', 'url.path', 'http.url', 'http.target', 'http.route']);

export function ReplayAction({ traceId, spanId, attributes }: { traceId: string; spanId: string; attributes: TextAttribute[] }) {
  const captures = useQuery(spanCaptureCountQuery(traceId, spanId));
  const fromAttributes = attributes.some(([k]) => METHOD_KEYS.has(k)) && attributes.some(([k]) => URL_KEYS.has(k));
  const captured = (captures.data ?? 0) > 0;
  if (!captured && !fromAttributes) return null;
  return (
    <Link
      className="button"
      href={`/replays/new?traceId=${traceId}&spanId=${spanId}`}
      data-testid="replay-span"
      title={captured ? 'Replay the captured request' : 'Replay a request rebuilt from the HTTP attributes (body unknown)'}
    >
      Replay{captured ? ' capture' : ''}
    </Link>
  );
}
