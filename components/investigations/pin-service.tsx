'use client';
// The services page's "Add to investigation": pick a service, pin it with the page's time range.
import { useState } from 'react';
import { AddToInvestigation } from './add-to-investigation';

export function PinService({ services, fromNs, toNs }: { services: readonly string[]; fromNs?: string; toNs?: string }) {
  const [service, setService] = useState(services[0] ?? '');
  if (services.length === 0) return null;
  return (
    <p className="query-bar">
      <select aria-label="Service to add" value={service} onChange={(e) => setService(e.target.value)}>
        {services.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <AddToInvestigation testId="add-service-to-investigation" item={() => ({ kind: 'service', service, ...(fromNs ? { from: fromNs } : {}), ...(toNs ? { to: toNs } : {}) })} />
    </p>
  );
}
