// Compares a recorded response with a replayed one: status, headers minus noise, and the body — JSON-aware
// through jsondiffpatch (a maintained structural differ; its deltas also render in the browser), else text.
// Both sides are noise-normalized first (noise.ts), so only real differences are reported.
import { create, type Delta } from 'jsondiffpatch';
import { NOISY_HEADERS, normalizeJson, normalizeText, parseIgnorePath } from './noise';
import type { RecordedResponse } from './replay-request';

export interface HeaderChange {
  name: string;
  original: string | null;
  replayed: string | null;
}

export interface BodyChange {
  /** Path into the JSON body ("items.0.price"); empty for the whole body. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  original?: unknown;
  replayed?: unknown;
}

export type BodyDiff = { kind: 'json'; changes: BodyChange[] } | { kind: 'text'; differs: boolean; original: string; replayed: string } | { kind: 'unknown'; reason: string };

export interface ResponseDiff {
  /** True when status, compared headers and body all match after noise cancelling. */
  identical: boolean;
  status: { original: number | null; replayed: number | null; differs: boolean };
  headers: HeaderChange[];
  body: BodyDiff;
  /** What two answers of the baseline target disagreed on, and so was not compared (Diffy's noise). */
  noise?: LearnedNoise;
  /** Compared with the baseline target's answer because nothing was recorded for this request. */
  againstBaseline?: boolean;
}

export interface LearnedNoise {
  headers: string[];
  paths: string[];
}

/** The headers and body paths on which two answers to the same request differ: noise for the candidate. */
export function learnNoise(first: RecordedResponse, second: RecordedResponse): LearnedNoise {
  const d = diffResponses(first, second);
  return { headers: d.headers.map((h) => h.name), paths: d.body.kind === 'json' ? d.body.changes.map((c) => c.path) : [] };
}

export interface DiffOptions {
  /** JSON paths left out of the body comparison ("$.meta.generatedAt", "items.*.id"). */
  ignorePaths?: readonly string[];
  /** Further header names not compared. */
  ignoreHeaders?: readonly string[];
}

const TEXT_EXCERPT = 4096;
const differ = create({ arrays: { detectMove: false } });

function decode(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function diffHeaders(a: Record<string, string>, b: Record<string, string>, ignore: ReadonlySet<string>): HeaderChange[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)].map((n) => n.toLowerCase()))].filter((n) => !ignore.has(n)).sort();
  const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), normalizeText(v)]));
  const la = lower(a);
  const lb = lower(b);
  return names.filter((n) => la[n] !== lb[n]).map((n) => ({ name: n, original: la[n] ?? null, replayed: lb[n] ?? null }));
}

/** Flattens a jsondiffpatch delta (its documented array notation) into path-addressed changes. */
export function flattenDelta(delta: Delta, path: string[] = [], out: BodyChange[] = []): BodyChange[] {
  if (delta === undefined) return out;
  const at = path.join('.');
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path: at, kind: 'added', replayed: delta[0] });
    else if (delta.length === 2) out.push({ path: at, kind: 'changed', original: delta[0], replayed: delta[1] });
    else if (delta[2] === 0) out.push({ path: at, kind: 'removed', original: delta[0] });
    return out;
  }
  const record = delta as Record<string, Delta>;
  const isArray = (record as Record<string, unknown>)._t === 'a';
  for (const [key, sub] of Object.entries(record)) {
    if (key === '_t') continue;
    flattenDelta(sub, [...path, isArray && key.startsWith('_') ? key.slice(1) : key], out);
  }
  return out;
}

function diffBody(original: RecordedResponse, replayed: RecordedResponse, ignorePaths: string[][]): BodyDiff {
  if (original.body === null) return { kind: 'unknown', reason: 'the original body was not recorded' };
  if (original.bodyTruncated || replayed.bodyTruncated) return { kind: 'unknown', reason: 'a body was cut off by the size cap' };
  const a = decode(original.body);
  const b = replayed.body === null ? '' : decode(replayed.body);
  const ja = parseJson(a);
  const jb = parseJson(b);
  if (ja.ok && jb.ok) {
    const delta = differ.diff(normalizeJson(ja.value, ignorePaths), normalizeJson(jb.value, ignorePaths));
    return { kind: 'json', changes: flattenDelta(delta) };
  }
  return { kind: 'text', differs: normalizeText(a) !== normalizeText(b), original: a.slice(0, TEXT_EXCERPT), replayed: b.slice(0, TEXT_EXCERPT) };
}

export function diffResponses(original: RecordedResponse, replayed: RecordedResponse, options: DiffOptions = {}): ResponseDiff {
  const ignore = new Set([...NOISY_HEADERS, ...(options.ignoreHeaders ?? []).map((h) => h.toLowerCase())]);
  const status = { original: original.status, replayed: replayed.status, differs: original.status !== null && original.status !== replayed.status };
  // Without a recorded body or headers (a span-built request) only the status can be compared.
  const headers = original.body === null && Object.keys(original.headers).length === 0 ? [] : diffHeaders(original.headers, replayed.headers, ignore);
  const body = diffBody(original, replayed, (options.ignorePaths ?? []).map(parseIgnorePath));
  const bodyDiffers = body.kind === 'json' ? body.changes.length > 0 : body.kind === 'text' ? body.differs : false;
  return { identical: !status.differs && headers.length === 0 && !bodyDiffers, status, headers, body };
}
