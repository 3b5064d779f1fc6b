'use client';
import { useState, type FormEvent } from 'react';

/**
 * A form's submit handler for the admin sections: runs `action` with the form's data, resets the form when it
 * succeeds and keeps the server's refusal (its message names the problem) as `error` for an alert.
 */
export function useFormAction(action: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    setError(null);
    try {
      await action(new FormData(formElement));
      formElement.reset();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return { onSubmit, error, setError };
}
