// /admin — users and roles, API tokens, the audit trail. Admin only (checked here and by every API route).
import { pageAccess } from '@/app/_lib/page-access';
import { AccessDenied } from '@/components/auth/access-denied';
import { UsersSection } from '@/components/admin/users-section';
import { TokensSection } from '@/components/admin/tokens-section';
import { AuditSection } from '@/components/admin/audit-section';

export const metadata = { title: 'Admin' };

export default async function AdminPage() {
  const { allowed, principal } = await pageAccess('admin', '/admin');
  if (!allowed) return <AccessDenied needed="admin" role={principal.role} />;
  return (
    <section className="page">
      <h1>Admin</h1>
      <UsersSection currentUserId={principal.id} />
      <TokensSection />
      <AuditSection />
    </section>
  );
}
