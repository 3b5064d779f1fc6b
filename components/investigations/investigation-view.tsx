'use client';
// An investigation's page: facts (editable status, severity, owner), the timeline of evidence with author and
// time, and the note editor. The detail query polls, so additions by others appear within a few seconds.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { addInvestigationItem, editNote, investigationDetailQuery, investigationKeys, postmortemUrl, updateInvestigation } from '@/lib/client/investigations-api';
import { SEVERITIES, STATUSES, type InvestigationDetail, type InvestigationItem } from '@/lib/domain/investigations/investigation';
import type { InvestigationPatch } from '@/lib/domain/investigations/investigation-input';
import { formatUnixNano } from '@/lib/domain/time/format-duration';
import { InvestigationDetailsForm } from './investigation-details-form';
import { ItemBody, ItemMeta } from './item-view';
import { PostmortemEditor } from './postmortem-editor';

export function InvestigationView({ id, initial, canEdit }: { id: string; initial: InvestigationDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const detail = useQuery({ ...investigationDetailQuery(id), initialData: initial });
  const inv = detail.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: investigationKeys.detail(id) });
  const patch = useMutation({ mutationFn: (p: InvestigationPatch) => updateInvestigation(id, p), onSuccess: refresh });
  const snapshotted = new Set(inv.snapshots.map((s) => s.traceId));
  return (
    <section className="page investigation" data-testid="investigation">
      <h1 data-testid="investigation-title">{inv.title}</h1>
      <dl className="trace-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <select
              aria-label="Status"
              value={inv.status}
              disabled={!canEdit}
              onChange={(e) => patch.mutate({ status: e.target.value as InvestigationPatch['status'] })}
              data-testid="investigation-status"
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </dd>
        </div>
        <div>
          <dt>Severity</dt>
          <dd>
            <select aria-label="Severity" value={inv.severity} disabled={!canEdit} onChange={(e) => patch.mutate({ severity: e.target.value as InvestigationPatch['severity'] })}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{inv.owner ?? '—'}</dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>
            {inv.windowStartUnixNano ? formatUnixNano(inv.windowStartUnixNano) : '—'} → {inv.windowEndUnixNano ? formatUnixNano(inv.windowEndUnixNano) : '—'}
          </dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>{inv.services.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            {inv.createdBy}, {new Date(inv.createdAt).toLocaleString()}
          </dd>
        </div>
      </dl>
      {canEdit ? <InvestigationDetailsForm investigation={inv} onSave={(p) => patch.mutate(p)} /> : null}
      {patch.isError ? (
        <p className="error-text" role="alert">
          {patch.error.message}
        </p>
      ) : null}
      <p>
        <a href={postmortemUrl(id, 'md')} download data-testid="export-md">
          Export postmortem (Markdown)
        </a>
        {' · '}
        <a href={postmortemUrl(id, 'html')} download data-testid="export-html">
          Export postmortem (HTML)
        </a>
      </p>

      <h2>Timeline</h2>
      {inv.items.length === 0 ? <p className="muted">No evidence yet. Use “Add to investigation” on a trace, span, finding, log query, search or service.</p> : null}
      <ol className="investigation-timeline" data-testid="investigation-timeline">
        {inv.items.map((item) => (
          <li key={item.id} id={`item-${item.id}`} data-testid="timeline-item" data-kind={item.kind}>
            <span className="badge">{item.kind}</span> <ItemMeta item={item} />
            <div className="item-body">
              <ItemBody item={item} traces={inv.traces} investigationId={id} snapshotted={snapshotted.has(item.traceId ?? '')} />
            </div>
            {canEdit && item.kind === 'note' ? <NoteEditButton investigationId={id} item={item} onSaved={refresh} /> : null}
          </li>
        ))}
      </ol>
      {canEdit ? <NoteForm investigationId={id} onSaved={refresh} /> : null}
      <PostmortemEditor investigationId={id} canEdit={canEdit} traces={inv.traces} />
    </section>
  );
}

function NoteForm({ investigationId, onSaved }: { investigationId: string; onSaved(): void }) {
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => addInvestigationItem(investigationId, { kind: 'note', body }),
    onSuccess: () => {
      setBody('');
      onSaved();
    },
  });
  return (
    <form
      className="note-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <label htmlFor="note-body">Add a note (Markdown; link traces as /traces/&lt;id&gt;)</label>
      <textarea id="note-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={20_000} data-testid="note-input" />
      <button type="submit" disabled={add.isPending || body.trim() === ''} data-testid="note-submit">
        Add note
      </button>
      {add.isError ? (
        <span className="error-text" role="alert">
          {add.error.message}
        </span>
      ) : null}
    </form>
  );
}

function NoteEditButton({ investigationId, item, onSaved }: { investigationId: string; item: InvestigationItem; onSaved(): void }) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(typeof item.payload.body === 'string' ? item.payload.body : '');
  const save = useMutation({
    mutationFn: () => editNote(investigationId, item.id, body),
    onSuccess: () => {
      setEditing(false);
      onSaved();
    },
  });
  if (!editing)
    return (
      <button type="button" className="link-button muted" onClick={() => setEditing(true)}>
        Edit
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      className="note-form"
    >
      <textarea rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={20_000} aria-label="Edit note" />
      <button type="submit" disabled={save.isPending}>
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {save.isError ? (
        <span className="error-text" role="alert">
          {save.error.message}
        </span>
      ) : null}
    </form>
  );
}
