'use client';
// Admin form: adds a replay target. Secrets are typed once ("NAME=value" a line), sent to the server, stored
// encrypted and never shown again.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createTarget } from '@/lib/client/replay-api';
import { REPLAY_METHODS } from '@/lib/domain/replay/replay-request';
import { TARGET_ENVIRONMENTS } from '@/lib/domain/replay/replay-target';

export function TargetForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const list = (name: string) =>
      String(form.get(name) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const secrets: Record<string, string> = {};
    for (const line of String(form.get('secrets') ?? '').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) secrets[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    setError(null);
    try {
      await createTarget({
        name: String(form.get('name')),
        baseUrl: String(form.get('baseUrl')),
        environment: String(form.get('environment')),
        allowedMethods: form.getAll('methods').map(String),
        allowedAddresses: list('addresses'),
        secrets,
      });
      event.currentTarget?.reset();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <form className="admin-section auth-form" onSubmit={submit} data-testid="target-form">
      <h3>Add a target</h3>
      <label>
        Name <input name="name" required />
      </label>
      <label>
        Base URL <input name="baseUrl" required placeholder="https://staging.shop.internal" />
      </label>
      <label>
        Environment{' '}
        <select name="environment" defaultValue="staging">
          {TARGET_ENVIRONMENTS.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Methods</legend>
        {REPLAY_METHODS.map((m) => (
          <label key={m}>
            <input type="checkbox" name="methods" value={m} defaultChecked={m === 'GET' || m === 'HEAD' || m === 'OPTIONS'} /> {m}{' '}
          </label>
        ))}
      </fieldset>
      <label>
        Allowed addresses (comma-separated IPs/CIDRs; empty = public only) <input name="addresses" placeholder="10.20.0.0/16" />
      </label>
      <label>
        Secrets (NAME=value a line; stored encrypted, never shown again) <textarea name="secrets" rows={3} />
      </label>
      <button type="submit">Add target</button>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
