import type { WorkflowDeps } from '../../app/workflows/workflow-context.js';
import { clock, log } from './basics.js';
import { configStore } from './configs.js';
import { customerMessenger, teamNotifier } from './outbound.js';
import { feedbackStore } from './store.js';
import { suppressionStore } from './suppressions.js';
import { surveyStore } from './surveys.js';
import { surveyTokens } from './survey-tokens.js';
import { telemetry } from './telemetry.js';
import { threadStore } from './threads.js';
import { workflowSettings } from './workflow-settings.js';
import { actionLog, outboxStore, recognitionStore, timelineStore } from './workflow-stores.js';

/** What `runWorkflows` and `sweepSla` use (the workflow and SLA sweeper functions). */
export const workflowDeps = (): WorkflowDeps => ({
  store: feedbackStore(),
  actions: actionLog(),
  timeline: timelineStore(),
  outbox: outboxStore(),
  recognition: recognitionStore(),
  configs: configStore(),
  threads: threadStore(),
  messenger: customerMessenger(),
  suppressions: suppressionStore(),
  notifier: teamNotifier(),
  surveys: surveyStore(),
  surveyTokens: surveyTokens(),
  clock: clock(),
  log: log(),
  workflow: workflowSettings(),
  telemetry: telemetry(),
});
