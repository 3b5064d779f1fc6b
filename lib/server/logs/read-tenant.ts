import 'server-only';
// Tenant of a log read request: X-Scope-OrgID (same rules as ingest), else the default tenant.
export { tenantOf as readTenant } from '../ingest/ingest-request';
