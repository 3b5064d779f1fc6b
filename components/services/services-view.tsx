'use client';
// The services page: time range (in the URL), service map with cycles, per-service stats. Clicking a node
// or an edge opens the search page with a TraceQL query for it, over the same range.
import { useQuery } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { PinService } from '@/components/investigations/pin-service';
import { useMemo, useState } from 'react';
import { rangeHref, readSearchUrl, searchHref } from '@/lib/client/search-url-state';
import { serviceMapQuery } from '@/lib/client/services-api';
import { quoteString } from '@/lib/domain/traceql/build-query';
import { resolveRangeNs } from '@/lib/client/time/resolve-range-ns';
import { TimeRangePicker } from '../time/time-range-picker';
import { ServiceMapGraph } from './service-map-graph';
import { ServiceMetrics } from './service-metrics';
import { ServiceStatsTable } from './service-stats-table';

export function ServicesView() {
  const params = useSearchParams();
  const router = useRouter();
  const { range } = readSearchUrl(params);
  const [refreshed, setRefreshed] = useState(() => Date.now());
  const resolved = useMemo(() => resolveRangeNs(range, refreshed), [range.from, range.to, refreshed]); // eslint-disable-line react-hooks/exhaustive-deps
  const map = useQuery({
    ...serviceMapQuery({ fromNs: resolved?.fromNs.toString() ?? '0', toNs: resolved?.toNs.toString() ?? '1' }),
    enabled: resolved !== null,
  });
  const serviceSearch = (service: string) => searchHref({ q: `{ resource.service.name = ${quoteString(service)} }`, range });

  return (
    <div className="search-view">
      <div className="query-bar">
        <TimeRangePicker
          value={range}
          onChange={(next) => {
            setRefreshed(Date.now());
            router.push(rangeHref('/services', next));
          }}
        />
        <button type="button" onClick={() => setRefreshed(Date.now())}>
          Refresh
        </button>
      </div>
      {!resolved && <div className="error-text">The time range in the URL is not valid.</div>}
      {map.error && <div className="error-text">{String(map.error)}</div>}
      {map.isPending && resolved && <p className="muted">Loading…</p>}
      {map.data && map.data.nodes.length === 0 && <p className="muted">No spans in this time range.</p>}
      {map.data && map.data.nodes.length > 0 && (
        <>
          {map.data.sampledFraction < 1 && (
            <p className="muted" data-testid="sampled-note">
              Estimated from {(map.data.sampledFraction * 100).toFixed(1)}% of traces (the window holds many spans); narrow the range for exact figures.
            </p>
          )}
          <ServiceMapGraph
            nodes={map.data.nodes}
            edges={map.data.edges}
            onNode={(service) => router.push(serviceSearch(service))}
            onEdge={(e) => router.push(searchHref({ q: `{ resource.service.name = ${quoteString(e.parent)} } > { resource.service.name = ${quoteString(e.child)} }`, range }))}
          />
          <section className="cycles" data-testid="cycles">
            <h2>Cycles</h2>
            {map.data.cycles.length === 0 ? (
              <p className="muted">No call cycles between services in this range.</p>
            ) : (
              <ul>
                {map.data.cycles.map((cycle, i) => {
                  const group = map.data.cycleGroups[i] ?? [];
                  return (
                    <li key={cycle.join('→')}>
                      {cycle.join(' → ')}
                      {group.length > cycle.length - 1 && (
                        <span className="muted">
                          {' '}
                          — one of the loops among {group.length} mutually calling services: {group.join(', ')}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <h2>Services</h2>
          <ServiceStatsTable stats={map.data.stats} searchHrefFor={serviceSearch} />
          <PinService services={map.data.stats.map((s) => s.service)} fromNs={resolved?.fromNs.toString()} toNs={resolved?.toNs.toString()} />
        </>
      )}
      {resolved && map.data && <ServiceMetrics spanServices={map.data.stats.map((s) => s.service)} fromNs={resolved.fromNs.toString()} toNs={resolved.toNs.toString()} />}
    </div>
  );
}
