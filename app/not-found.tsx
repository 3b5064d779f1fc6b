import Link from 'next/link';

export const metadata = { title: 'Not found' };

// Any path the app does not serve, in the app's own shell.
export default function NotFound() {
  return (
    <section className="page" data-testid="not-found">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <p>
        <Link href="/">Back to recent traces</Link>
      </p>
    </section>
  );
}
