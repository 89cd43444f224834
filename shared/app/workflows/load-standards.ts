import { DEFAULT_SERVICE_STANDARDS, ServiceStandardsSchema, type ServiceStandards } from '../../domain/sla/service-standards.schema.js';
import type { ConfigStore } from '../../ports/workflow-store.port.js';

/** The service standards document's name in the config store. */
export const STANDARDS_CONFIG = 'service-standards';

/**
 * The service standards admins stored, else the shipped default. Its own module (not
 * `workflow-context.ts`): the metrics and triage functions read the standards without carrying
 * the rules (and their YAML parser).
 */
export async function loadStandards(deps: { readonly configs: Pick<ConfigStore, 'get'> }): Promise<ServiceStandards> {
  const stored = await deps.configs.get(STANDARDS_CONFIG);
  return stored ? ServiceStandardsSchema.parse(stored.value) : DEFAULT_SERVICE_STANDARDS;
}
