// Next.js calls register() once when the server process starts. We validate configuration, open the
// database (starting the embedded one and applying migrations) and schedule retention here, so a bad setting
// or a failed migration stops startup with one clear line instead of surfacing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/startup/start-server');
  await startServer();
}
