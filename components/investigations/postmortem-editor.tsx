'use client';
// "Write postmortem": the draft generated from the investigation (or the latest saved version) in an editor;
// each save is a new version. The preview renders like notes (react-markdown, HTML shown as text).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { investigationKeys, postmortemQuery, savePostmortem } from '@/lib/client/investigations-api';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { NoteMarkdown } from './note-markdown';

export function PostmortemEditor({ investigationId, canEdit, traces }: { investigationId: string; canEdit: boolean; traces: Record<string, TraceSummary> }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const state = useQuery({ ...postmortemQuery(investigationId), enabled: open });
  const [text, setText] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (markdown: string) => savePostmortem(investigationId, markdown),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: investigationKeys.postmortem(investigationId) }),
  });
  const shown = text ?? state.data?.latest?.markdown ?? state.data?.draft ?? '';
  return (
    <section className="postmortem" data-testid="postmortem">
      <h2>Postmortem</h2>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid="write-postmortem">
          Write postmortem
        </button>
      ) : state.isPending ? (
        <p className="muted">Writing the draft…</p>
      ) : state.isError ? (
        <p className="error-text">{state.error.message}</p>
      ) : (
        <>
          <p className="muted" data-testid="postmortem-version">
            {state.data.latest
              ? `Version ${state.data.latest.version} by ${state.data.latest.author}, ${new Date(state.data.latest.createdAt).toLocaleString()}`
              : 'Draft generated from the investigation (not saved yet)'}
          </p>
          <textarea aria-label="Postmortem Markdown" rows={18} value={shown} readOnly={!canEdit} onChange={(e) => setText(e.target.value)} data-testid="postmortem-text" />
          {canEdit ? (
            <p>
              <button type="button" onClick={() => save.mutate(shown)} disabled={save.isPending} data-testid="postmortem-save">
                Save version
              </button>{' '}
              <button type="button" onClick={() => setText(state.data.draft)} data-testid="postmortem-regenerate">
                Regenerate from the investigation
              </button>
              {save.isError ? (
                <span className="error-text" role="alert">
                  {' '}
                  {save.error.message}
                </span>
              ) : null}
              {save.isSuccess ? <span role="status"> Saved version {save.data.version}.</span> : null}
            </p>
          ) : null}
          <details>
            <summary>Preview</summary>
            <NoteMarkdown body={shown} traces={traces} />
          </details>
        </>
      )}
    </section>
  );
}
