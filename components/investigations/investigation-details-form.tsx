'use client';
// Editing an investigation's title, owner and affected services (status and severity change in place).
import { useState } from 'react';
import type { Investigation } from '@/lib/domain/investigations/investigation';
import type { InvestigationPatch } from '@/lib/domain/investigations/investigation-input';

export function InvestigationDetailsForm({ investigation, onSave }: { investigation: Investigation; onSave(patch: InvestigationPatch): void }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(investigation.title);
  const [owner, setOwner] = useState(investigation.owner ?? '');
  const [services, setServices] = useState(investigation.services.join(', '));
  // Filled from the investigation as it is when the form opens (the page polls; others may have changed it).
  const start = () => {
    setTitle(investigation.title);
    setOwner(investigation.owner ?? '');
    setServices(investigation.services.join(', '));
    setOpen(true);
  };
  if (!open)
    return (
      <button type="button" className="link-button muted" onClick={start} data-testid="edit-details">
        Edit details
      </button>
    );
  return (
    <form
      className="query-bar"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          title: title.trim(),
          owner: owner.trim() || null,
          services: services
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        });
        setOpen(false);
      }}
    >
      <input aria-label="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
      <input aria-label="Owner" placeholder="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={200} />
      <input aria-label="Services" placeholder="Services, comma-separated" value={services} onChange={(e) => setServices(e.target.value)} />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
