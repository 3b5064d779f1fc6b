import type { Role } from '@/lib/domain/auth/roles';

export function AccessDenied({ needed, role }: { needed: Role; role: Role }) {
  return (
    <section className="page">
      <h1>Not allowed</h1>
      <p className="muted">
        This page needs the <strong>{needed}</strong> role; you are <strong>{role}</strong>. Ask an admin to change your role.
      </p>
    </section>
  );
}
