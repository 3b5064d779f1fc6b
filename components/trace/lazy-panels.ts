'use client';
// The trace page's panels that are not on screen when the first rows paint (the findings panel is: the
// stored diagnosis is server-rendered, so it stays in the first bundle): each is its own chunk, loaded when
// first shown, so the page's first bundle (evaluated before the rows are asked for) leaves them out.
// preloadTracePanels() fetches and evaluates them once the rows are painted and the main thread is idle,
// so opening a panel does not wait for the network.
import dynamic from 'next/dynamic';

const loaders = {
  detail: () => import('./span-detail-panel'),
  table: () => import('./span-table'),
  statistics: () => import('./trace-statistics'),
  logs: () => import('./trace-logs'),
  help: () => import('./keyboard-help'),
};

export const SpanDetailPanel = dynamic(() => loaders.detail().then((m) => m.SpanDetailPanel));
export const SpanTable = dynamic(() => loaders.table().then((m) => m.SpanTable));
export const TraceStatistics = dynamic(() => loaders.statistics().then((m) => m.TraceStatistics));
export const TraceLogs = dynamic(() => loaders.logs().then((m) => m.TraceLogs));
export const KeyboardHelp = dynamic(() => loaders.help().then((m) => m.KeyboardHelp));

let preloaded = false;

/** Loads every panel's chunk in the background (idempotent); called after the first rows are painted. */
export function preloadTracePanels(): void {
  if (preloaded || typeof window === 'undefined') return;
  preloaded = true;
  const run = () => {
    for (const load of Object.values(loaders)) void load().catch(() => {}); // a failed chunk is retried when the panel is shown
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
