import 'server-only';
// Tenant of a read request: Loki's X-Scope-OrgID header, else the default tenant.
export { tenantFromRequest as readTenant } from '../http/ingest-auth';
