'use client';
import { useState, type FormEvent } from 'react';
import { signInWithPassword, startSso } from '@/lib/client/accounts-api';

export function SignInForm({ next, ssoName }: { next: string; ssoName: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signInWithPassword(String(form.get('email')), String(form.get('password')));
      window.location.assign(next);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  const sso = async () => {
    setBusy(true);
    setError(null);
    try {
      const { url } = await startSso(next);
      window.location.assign(url);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <div className="auth-form">
      <form className="auth-form" onSubmit={submit}>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {ssoName && (
        <button type="button" disabled={busy} onClick={sso}>
          Sign in with {ssoName}
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
