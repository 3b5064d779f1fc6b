// `npm run corpus:check [-- --markdown] [--verbose]` — scores the analysis engine on the corpus
// (corpus/traces, ground truth in corpus/recorded-cases.json and corpus/hand-made-cases.json): precision and
// recall per finding type, the traces diagnosed without a miss or a false alarm, and every miss and false
// alarm by trace. Exit status 1 when anything was missed or falsely reported.
import { parseArgs } from 'node:util';
import { diagnoseCorpus, loadCases } from './check/diagnose-corpus';
import { formatCorpusScore } from './check/format-corpus-score';
import { scoreCorpus, totals } from './check/score-corpus';

const { values } = parseArgs({ options: { markdown: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } } });
const diagnosed = diagnoseCorpus(loadCases());
const score = scoreCorpus(diagnosed);
console.log(formatCorpusScore(score, values.markdown ?? false));
if (values.verbose) {
  for (const d of diagnosed) {
    const cause = d.likelyCause ? ` ⇒ ${d.likelyCause.type} ${d.likelyCause.service}` : '';
    console.log(`${d.case.system}/${d.case.scenario} ${d.case.traceId}: ${(d.findings ?? []).map((f) => `${f.type}[${f.services.join(',')}]`).join(' ') || 'no findings'}${cause}`);
  }
}
const t = totals(score);
process.exit(t.found === t.expected && t.correct === t.reported && score.causesRight === score.causesExpected ? 0 : 1);
