export function NotYetAvailable({ title, issue }: { title: string; issue: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="muted">Not yet available. This page arrives with {issue}.</p>
    </section>
  );
}
