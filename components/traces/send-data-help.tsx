export function SendDataHelp({ origin }: { origin: string }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>No traces yet</h2>
      <p>
        To see Tracehound at work right away, run <code>npm run demo</code> in its folder: a small instrumented shop sends traces of healthy and failing orders here.
      </p>
      <p>
        Point any OpenTelemetry SDK or Collector at Tracehound&apos;s OTLP/HTTP endpoint. Traces go to <code>{origin}/v1/traces</code>, logs to <code>{origin}/v1/logs</code> (protobuf or JSON).
      </p>
      <pre>{`export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
export OTEL_SERVICE_NAME=checkout
node --require @opentelemetry/auto-instrumentations-node/register app.js`}</pre>
      <p>Or send one span by hand:</p>
      <pre>{`curl -X POST ${origin}/v1/traces -H 'Content-Type: application/json' -d '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"demo"}}]},"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"GET /","kind":2,"startTimeUnixNano":"'$(date +%s%N)'","endTimeUnixNano":"'$(($(date +%s%N)+1000000))'"}]}]}]}'`}</pre>
      <p>
        Logs from Promtail, Grafana Alloy, winston-loki or pino-loki go to <code>{origin}/loki/api/v1/push</code>.
      </p>
    </div>
  );
}
