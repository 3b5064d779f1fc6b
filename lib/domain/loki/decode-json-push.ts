// Loki's JSON push body: {"streams":[{"stream":{labels},"values":[["<ns>","<line>",{metadata}?], ...]}]}.
// Validation is strict and every error names the stream/value index and the field at fault.
import { setOwn } from '../model/any-value';
import { isValidLabelName } from './label-string';
import { parseNanoTimestamp } from './parse-timestamp';
import { PushDecodeError, type PushEntry, type PushStream } from './push-model';

function bad(message: string): never {
  throw new PushDecodeError('bad_request', message);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(value: unknown, where: string, checkNames: boolean): Record<string, string> {
  if (!isRecord(value)) bad(`${where} must be an object of string values`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') bad(`${where}.${k} must be a string`);
    if (checkNames && !isValidLabelName(k)) bad(`${where}: invalid label name "${k}"`);
    setOwn(out, k, v);
  }
  return out;
}

export function decodeJsonPush(text: string): PushStream[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    bad(`request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(body) || !Array.isArray(body.streams)) bad('request body must be an object with a "streams" array');
  return body.streams.map((s: unknown, si: number): PushStream => {
    const where = `streams[${si}]`;
    if (!isRecord(s)) bad(`${where} must be an object`);
    const labels = stringMap(s.stream ?? {}, `${where}.stream`, true);
    if (!Array.isArray(s.values)) bad(`${where}.values must be an array`);
    const entries = s.values.map((v: unknown, vi: number): PushEntry => {
      const at = `${where}.values[${vi}]`;
      if (!Array.isArray(v) || v.length < 2 || v.length > 3) bad(`${at} must be ["<unix ns>", "<line>", {metadata}?]`);
      const ns = parseNanoTimestamp(v[0]);
      if (ns === null) bad(`${at}[0]: timestamp must be unix nanoseconds as a decimal string, got ${JSON.stringify(v[0])?.slice(0, 40)}`);
      if (typeof v[1] !== 'string') bad(`${at}[1]: log line must be a string`);
      const metadata = v.length === 3 && v[2] !== null ? stringMap(v[2], `${at}[2]`, false) : {};
      return { timeUnixNano: ns, line: v[1], metadata };
    });
    return { labels, entries };
  });
}
