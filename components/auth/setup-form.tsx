'use client';
import { useState, type FormEvent } from 'react';
import { completeSetup } from '@/lib/client/accounts-api';

export function SetupForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get('password') !== form.get('confirm')) {
      setError('The passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await completeSetup({ token, email: String(form.get('email')), password: String(form.get('password')) });
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load after setup, so the server renders the shell with the new session cookie and no client state survives
      window.location.assign('/');
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <form className="auth-form" onSubmit={submit}>
      <label>
        Admin email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password (at least 10 characters)
        <input name="password" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <label>
        Password again
        <input name="confirm" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <button type="submit" disabled={busy}>
        Create admin account
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
