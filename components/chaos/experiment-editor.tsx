'use client';
// The experiment editor of /chaos: a few form fields for the common knobs bound to a JSON editor holding the
// whole experiment (import = paste, export = copy or download). The JSON is checked in the browser with the
// same schema the server uses, so a field error shows before anything is sent; the server checks again.
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { experimentSchema } from '@/lib/domain/chaos/experiment-schema';
import { saveExperimentRequest, startRunRequest } from '@/lib/client/chaos-api';
import { FaultBuilder } from './fault-builder';

function check(text: string): { value: Record<string, unknown> | null; error: string | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { value: null, error: `JSON: ${(error as Error).message}` };
  }
  const result = experimentSchema.safeParse(value);
  if (result.success) return { value: value as Record<string, unknown>, error: null };
  const issue = result.error.issues[0]!;
  return { value: value as Record<string, unknown>, error: `${issue.path.join('.') || 'body'}: ${issue.message}` };
}

export function ExperimentEditor({ initial, canRun, chaosEnabled, agents }: { initial: unknown; canRun: boolean; chaosEnabled: boolean; agents: readonly string[] }) {
  const router = useRouter();
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const checked = useMemo(() => check(text), [text]);

  const setField = (field: string, value: unknown) => {
    if (!checked.value) return;
    setText(JSON.stringify({ ...checked.value, [field]: value }, null, 2));
  };

  const act = async (what: 'save' | 'dry' | 'start') => {
    if (!checked.value) return;
    setBusy(true);
    setMessage(null);
    try {
      if (what === 'save') {
        const saved = await saveExperimentRequest(checked.value);
        setMessage({ kind: 'ok', text: `saved as version ${saved.version}` });
        router.refresh();
      } else {
        const { id } = await startRunRequest(checked.value, what === 'dry');
        router.push(`/chaos/runs/${id}`);
      }
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `${String(checked.value?.name ?? 'experiment').replace(/[^\w.-]+/g, '-')}.json` });
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="chaos-editor">
      <div className="chaos-form">
        <label>
          Name <input aria-label="Name" value={String(checked.value?.name ?? '')} onChange={(e) => setField('name', e.target.value)} disabled={!checked.value} />
        </label>
        <label>
          Duration (s){' '}
          <input
            aria-label="Duration"
            type="number"
            min={1}
            value={Number(checked.value?.durationSeconds ?? 0)}
            onChange={(e) => setField('durationSeconds', Number(e.target.value))}
            disabled={!checked.value}
          />
        </label>
        <label>
          Recovery (s){' '}
          <input
            aria-label="Recovery"
            type="number"
            min={0}
            value={Number(checked.value?.recoverySeconds ?? 10)}
            onChange={(e) => setField('recoverySeconds', Number(e.target.value))}
            disabled={!checked.value}
          />
        </label>
      </div>
      <FaultBuilder agents={agents} disabled={!checked.value} onAdd={(step) => setField('method', [...(Array.isArray(checked.value?.method) ? checked.value.method : []), step])} />
      <p className="muted">Faults, indicators and stop conditions are all in the JSON below; edit or paste an exported experiment there.</p>
      <textarea aria-label="Experiment JSON" spellCheck={false} rows={24} value={text} onChange={(e) => setText(e.target.value)} className="chaos-json" />
      <p role="status" className={checked.error ? 'error-text' : 'muted'}>
        {checked.error ?? 'valid experiment (the server also checks agents, routes, selections and the duration cap)'}
      </p>
      <div className="chaos-actions">
        <button type="button" onClick={download} disabled={!checked.value}>
          Export JSON
        </button>
        {canRun ? (
          <>
            <button type="button" onClick={() => act('save')} disabled={busy || !!checked.error}>
              Save version
            </button>
            <button type="button" onClick={() => act('dry')} disabled={busy || !!checked.error || !chaosEnabled}>
              Dry run
            </button>
            <button type="button" className="danger" onClick={() => act('start')} disabled={busy || !!checked.error || !chaosEnabled}>
              Start run
            </button>
          </>
        ) : (
          <span className="muted">Starting runs needs the operator role.</span>
        )}
      </div>
      {!chaosEnabled && <p className="muted">Chaos is disabled on this server (CHAOS_ENABLED=false): experiments can be edited and saved, not run.</p>}
      {message && <p className={message.kind === 'error' ? 'error-text' : 'muted'}>{message.text}</p>}
    </div>
  );
}
