// Adapter from the analysis engine to the waterfall's port. TODO(issue 8): call analyzeTrace from
// lib/domain/analysis once it lands on main; until then the page shows raw times and no findings.
import type { Analyze } from '@/lib/domain/waterfall/build-waterfall';

export const analyzeForWaterfall: Analyze | null = null;
