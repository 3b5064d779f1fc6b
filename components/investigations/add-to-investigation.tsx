'use client';
// "Add to investigation": pins one piece of evidence (built by the caller when clicked, so it carries the view
// state of that moment) to an open investigation, or to a new one named here. Viewers get the server's 403
// message; the button does not guess roles.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { addInvestigationItem, createInvestigation, investigationKeys, investigationListQuery } from '@/lib/client/investigations-api';
import type { NewItem } from '@/lib/domain/investigations/investigation-input';

const NEW = '__new__';

export function AddToInvestigation({ label = 'Add to investigation', item, testId }: { label?: string; item: () => NewItem | null; testId?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="add-to-investigation">
      <button type="button" onClick={() => setOpen((o) => !o)} data-testid={testId ?? 'add-to-investigation'} aria-expanded={open}>
        {label}
      </button>
      {open ? <AddForm item={item} onDone={() => setOpen(false)} /> : null}
    </span>
  );
}

function AddForm({ item, onDone }: { item: () => NewItem | null; onDone(): void }) {
  const queryClient = useQueryClient();
  const investigations = useQuery(investigationListQuery({}));
  const open = (investigations.data ?? []).filter((i) => i.status !== 'resolved');
  const [choice, setChoice] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<{ id: string; title: string } | null>(null);
  const target = choice || (open[0]?.id ?? NEW);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const evidence = item();
    if (!evidence) return setError('Nothing to add yet.');
    setBusy(true);
    setError(null);
    try {
      const investigation = target === NEW ? await createInvestigation({ title: title.trim() }) : open.find((i) => i.id === target)!;
      await addInvestigationItem(investigation.id, evidence);
      await queryClient.invalidateQueries({ queryKey: investigationKeys.all });
      setAdded({ id: investigation.id, title: investigation.title });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (added) {
    return (
      <span className="add-to-investigation-popover" role="status" data-testid="added-to-investigation">
        Added to <Link href={`/investigations/${added.id}`}>{added.title}</Link>{' '}
        <button type="button" onClick={onDone}>
          Close
        </button>
      </span>
    );
  }
  return (
    <form className="add-to-investigation-popover" onSubmit={submit} data-testid="add-to-investigation-form">
      <label>
        Investigation{' '}
        <select value={target} onChange={(e) => setChoice(e.target.value)} aria-label="Investigation">
          {open.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
          <option value={NEW}>New investigation…</option>
        </select>
      </label>
      {target === NEW ? <input aria-label="New investigation title" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} /> : null}
      <button type="submit" disabled={busy}>
        Add
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
