// Memory of a page as a user's machine pays for it, read over the Chrome DevTools Protocol after a forced GC:
// the JS heap of the page's main thread AND of every dedicated worker (the trace page keeps the decoded trace
// in a worker, which Performance.getMetrics on the page does not see), and the RSS of the renderer process.
import type { Browser, CDPSession, Page } from '@playwright/test';
import { processRssMb } from './process-rss';

export interface PageMemory {
  mainHeapMb: number;
  workerHeapMb: number;
  totalHeapMb: number;
  /**
   * ArrayBuffer backing stores of the main thread and the workers (Runtime.getHeapUsage's backingStorageSize):
   * outside the JS heap figures above, and where the trace's typed-array columns live.
   */
  arrayBuffersMb: number;
  /** RSS of the largest renderer process: the one showing the page (its workers run in it too). */
  rendererRssMb: number;
}

/**
 * Sends `method` to a worker target through the browser session. Playwright's CDP sessions cannot address
 * flattened child sessions, so the worker is attached the older way (messages wrapped in Target commands).
 */
async function workerCall(session: CDPSession, sessionId: string, id: number, method: string): Promise<Record<string, number>> {
  const reply = new Promise<Record<string, number>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not answer ${method}`)), 30_000);
    const listener = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
      if (message.id !== id) return;
      clearTimeout(timer);
      session.off('Target.receivedMessageFromTarget', listener);
      resolve(message.result ?? {});
    };
    session.on('Target.receivedMessageFromTarget', listener);
  });
  await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
  return reply;
}

/** Heap and RSS of `page` (the only page open in `browser` when called). */
export async function measurePageMemory(browser: Browser, page: Page): Promise<PageMemory> {
  const pageSession = await page.context().newCDPSession(page);
  await pageSession.send('HeapProfiler.collectGarbage');
  await pageSession.send('Performance.enable');
  const metrics = (await pageSession.send('Performance.getMetrics')).metrics;
  const mainHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  let buffers = ((await pageSession.send('Runtime.getHeapUsage')) as { backingStorageSize?: number }).backingStorageSize ?? 0;
  await pageSession.detach();

  const browserSession = await browser.newBrowserCDPSession();
  try {
    let workerHeap = 0;
    const { targetInfos } = await browserSession.send('Target.getTargets');
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      await workerCall(browserSession, sessionId, 1, 'HeapProfiler.collectGarbage');
      const usage = await workerCall(browserSession, sessionId, 2, 'Runtime.getHeapUsage');
      workerHeap += usage.usedSize ?? 0;
      buffers += usage.backingStorageSize ?? 0;
      await browserSession.send('Target.detachFromTarget', { sessionId });
    }
    const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
    const rendererRssMb = Math.max(0, ...processInfo.filter((p) => p.type === 'renderer').map((p) => processRssMb(p.id)));
    const mb = (bytes: number) => bytes / 1024 / 1024;
    return { mainHeapMb: mb(mainHeap), workerHeapMb: mb(workerHeap), totalHeapMb: mb(mainHeap + workerHeap), arrayBuffersMb: mb(buffers), rendererRssMb };
  } finally {
    await browserSession.detach();
  }
}

/** CPU seconds used so far by all renderer processes (the trace page and its worker run in one). */
export async function rendererCpuSeconds(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
  } finally {
    await session.detach();
  }
}
