import { socialProviders } from '../../adapters/social/social-providers.adapter.js';
import type { SocialWebhookProvider } from '../../ports/social-webhook.port.js';
import { appSecrets } from '../secrets.js';

/** The social networks whose webhook secrets are configured (secrets are read asynchronously). */
export async function socialWebhookProviders(): Promise<Partial<Record<string, SocialWebhookProvider>>> {
  return socialProviders(await appSecrets());
}
