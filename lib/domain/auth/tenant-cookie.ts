/** Cookie holding the tenant the dashboard shows (a choice among the user's allowed tenants, checked on the server). */
export const TENANT_COOKIE_NAME = 'tracehound_tenant';
