// A structural bound on the cost of user regexes (TraceQL =~ !~, LogQL =~ !~ |~ !~) before they reach
// PostgreSQL's regex engine. Counted repetition copies its operand into the automaton, so `(.*a){25}` builds 25
// copies of a sub-automaton that itself loops; nested like that, the states a match must track grow with the
// count. Statement timeouts bound the worst case in time; this refuses the shapes that need it up front:
// * patterns longer than MAX_REGEX_LENGTH characters;
// * a repetition count above MAX_REPEAT (`a{5000}`);
// * a counted repetition above MAX_NESTED_REPEAT, or an open-ended one (`{2,}`), of a group that itself
//   contains a quantifier (`(.*a){25}`, `(\d+\.){3}` is fine).
export const MAX_REGEX_LENGTH = 1_000;
export const MAX_REPEAT = 100;
export const MAX_NESTED_REPEAT = 10;

export interface RegexCostProblem {
  message: string;
  /** Offset in the pattern. */
  offset: number;
}

export function regexCostProblem(pattern: string): RegexCostProblem | null {
  if (pattern.length > MAX_REGEX_LENGTH) return { message: `regular expression is longer than ${MAX_REGEX_LENGTH} characters`, offset: MAX_REGEX_LENGTH };
  // One entry per open group: does it contain a quantifier?
  const groups: boolean[] = [false];
  // Whether the atom just closed is a group that contains a quantifier.
  let lastGroupRepeats = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      i += 2;
      lastGroupRepeats = false;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j + 1;
      lastGroupRepeats = false;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      i++;
      lastGroupRepeats = false;
      continue;
    }
    if (c === ')') {
      const inner = groups.length > 1 ? (groups.pop() as boolean) : false;
      lastGroupRepeats = inner;
      if (inner) groups[groups.length - 1] = true;
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      groups[groups.length - 1] = true;
      lastGroupRepeats = false;
      i++;
      continue;
    }
    const counted = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24)) : null;
    if (counted) {
      const low = Number(counted[1]);
      const open = counted[2] !== undefined && counted[3] === '';
      const high = counted[3] ? Number(counted[3]) : low;
      if (Math.max(low, high) > MAX_REPEAT) return { message: `repetition count above ${MAX_REPEAT}`, offset: i };
      if (lastGroupRepeats && (open || Math.max(low, high) > MAX_NESTED_REPEAT)) {
        return { message: `a group that repeats may be repeated at most ${MAX_NESTED_REPEAT} times ({n,m} with n, m ≤ ${MAX_NESTED_REPEAT})`, offset: i };
      }
      groups[groups.length - 1] = true;
      lastGroupRepeats = false;
      i += counted[0].length;
      continue;
    }
    lastGroupRepeats = false;
    i++;
  }
  return null;
}
