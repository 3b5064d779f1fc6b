import Link from 'next/link';

// Shown for a malformed or unknown trace id: say what may have happened and where to go next.
export default function TraceNotFound() {
  return (
    <section className="page" data-testid="trace-not-found">
      <h1>Trace not found</h1>
      <p>No spans with this trace id have been received (yet).</p>
      <ul>
        <li>Check the id: 32 hex characters (16-character Jaeger/Zipkin ids are accepted too).</li>
        <li>Spans may still be in flight: exporters batch for a few seconds — reload shortly.</li>
        <li>The trace may be older than the retention period (RETENTION_DAYS) and deleted.</li>
      </ul>
      <p>
        <Link href="/">Back to recent traces</Link>
      </p>
    </section>
  );
}
