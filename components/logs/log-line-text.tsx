// A log line as plain text, with 32-hex trace ids turned into links to the trace page. Lines are untrusted:
// they are only ever rendered as React text nodes.
import Link from 'next/link';

const TRACE_ID = /\b[0-9a-fA-F]{32}\b/g;

export function LogLineText({ line }: { line: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of line.matchAll(TRACE_ID)) {
    const at = m.index;
    if (at > last) parts.push(line.slice(last, at));
    const id = m[0].toLowerCase();
    parts.push(
      <Link key={at} href={`/traces/${id}`} className="trace-link">
        {m[0]}
      </Link>,
    );
    last = at + m[0].length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return <span className="log-text">{parts}</span>;
}
