// The configuration module of the admin app: rendered inside its shell (its configuration slot), each
// page taking the signed-in token (or the app's session) and the language.
export { AuditPage } from './AuditPage.js';
export { ConfigPage } from './ConfigPage.js';
/** The admin app's slot renders a `RetentionPage` after the configuration: retention and the audit trail. */
export { AuditPage as RetentionPage } from './AuditPage.js';
export type { PageProps } from './page-context.js';
