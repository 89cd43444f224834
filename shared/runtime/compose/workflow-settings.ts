import { DEFAULT_WORKFLOW_SETTINGS } from '../../app/workflows/workflow-context.js';
import { config } from '../config.js';
import { capability } from './capability.js';

export const workflowSettings = capability('workflow', () => {
  const cfg = config();
  return {
    ...DEFAULT_WORKFLOW_SETTINGS,
    retryBaseMs: cfg.OUVIDOR_WORKFLOW_RETRY_MS,
    publicBaseUrl: cfg.OUVIDOR_PUBLIC_URL ?? 'http://localhost:3000',
    teamLocale: cfg.OUVIDOR_TEAM_LOCALE,
    ...(cfg.OUVIDOR_CONSOLE_URL && { consoleUrl: cfg.OUVIDOR_CONSOLE_URL }),
  };
});
