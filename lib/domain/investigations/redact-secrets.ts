// Values that look like secrets, replaced before anything leaves Tracehound in an export: the agent's
// `REDACTED-…` markers, bearer/basic credentials, key=value pairs whose key names a secret, Tracehound API
// tokens, JWTs, AWS access keys, GitHub/Slack tokens and PEM private keys. Deliberately greedy: a false
// positive costs a word of the postmortem, a miss leaks a credential.
const MASK = '[redacted]';

const RULES: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, MASK],
  [/\bREDACTED-[^\s"'<>,;)\]}]*/g, MASK],
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`],
  [
    /\b((?:[A-Za-z0-9]+[_.-])*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|authorization|auth|credentials?|session[_-]?id|cookie)\b["']?\s*[:=]\s*)(["']?)[^\s"'&,;]+\2/gi,
    `$1$2${MASK}$2`,
  ],
  [/\bth_[A-Za-z0-9_-]{16,}/g, MASK],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, MASK],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, MASK],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,})/g, MASK],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi, `$1${MASK}@`],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
