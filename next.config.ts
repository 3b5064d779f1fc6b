import type { NextConfig } from 'next';

const INGEST_PATHS = ['/v1/traces', '/v1/logs', '/v1/metrics', '/api/v2/spans', '/api/v1/spans', '/loki/api/v1/push'];

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, not bundled: PGlite ships WASM and data files it finds relative to
  // its own module; pg and Prisma's adapter have optional native paths; grpc-js keeps process-wide channel state;
  // ws loads optional native add-ons (bufferutil, utf-8-validate) when present.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'pg', '@prisma/adapter-pg', 'protobufjs', 'snappyjs', '@grpc/grpc-js', 'ws'],
  poweredByHeader: false,
  // The pages' CSS (~18 KB) goes into the HTML as <style> instead of render-blocking <link>s (issue #22): the
  // trace page's server-rendered first rows then paint as soon as the HTML is parsed, instead of after two
  // stylesheet requests that queue on the same server behind the skeleton download the Link header starts.
  // Measured alternately against the <link> build on 1k/100k/500k traces, 4 rounds: preview rows painted at
  // 131-413 ms (all under 0.5 s) vs 222-582 ms (2 of 12 over). The CSP already allows inline styles; client-side
  // navigations still load the next page's CSS (checked). Experimental in Next 16: the e2e suite covers it.
  experimental: { inlineCss: true },
  // Senders configured with a trailing slash (`/v1/traces/`) are served, not redirected: an OTLP or Loki
  // client does not follow a 308 with its body. proxy.ts keeps redirecting every other such path, as Next
  // would; the ingest paths (which proxy.ts does not see) are rewritten to their routes here.
  skipTrailingSlashRedirect: true,
  async rewrites() {
    return {
      beforeFiles: INGEST_PATHS.map((path) => ({ source: `${path}/`, destination: path })),
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          // API responses and anything else proxy.ts does not reach: never framed, never a script.
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
        ],
      },
      {
        // Postmortem exports (HTML a browser may open): no scripts, nothing loaded from anywhere. Listed after
        // the catch-all so this Content-Security-Policy is the one sent.
        source: '/api/investigations/:id/postmortem',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'" }],
      },
      {
        // The trace page's rows, preloaded from the response headers: the download starts as the HTML
        // arrives, ahead of the page's scripts (the page's own preload() hint only reaches the browser inside the RSC
        // payload, once those scripts run). Only 32 hex digits match, so the value cannot carry anything else.
        source: '/traces/:traceId([0-9a-f]{32})',
        headers: [{ key: 'Link', value: '</api/traces/:traceId/spans?view=skeleton>; rel=preload; as=fetch; crossorigin=anonymous' }],
      },
    ];
  },
};

export default nextConfig;
