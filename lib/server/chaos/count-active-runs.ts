import 'server-only';
// How many chaos runs are active (any tenant: a halt-all stops them all), for the banner on every page.
// A database problem must not take every page down with it: it counts as none here.
import { getDatabase } from '../db/get-database';
import { activeRunIds } from './run-store';

export async function countActiveRuns(): Promise<number> {
  try {
    return (await activeRunIds((await getDatabase()).pool)).length;
  } catch {
    return 0;
  }
}
