import type { Priority } from '../feedback.schema.js';
import type { TemplateId } from './message-templates.js';
import { DEFAULT_ACKNOWLEDGEMENT_POLICY, type AcknowledgementPolicy, type Action } from './rules.schema.js';

/** Customer messages that acknowledge something that asks for an answer (sent under `answer-expected`). */
export const ANSWER_EXPECTED_TEMPLATES: readonly TemplateId[] = ['complaint-ack', 'question-ack'];

/** Whether the acknowledgement policy lets a rule send this customer message. */
export function messageAllowed(policy: AcknowledgementPolicy | undefined, template: TemplateId): boolean {
  switch (policy ?? DEFAULT_ACKNOWLEDGEMENT_POLICY) {
    case 'all':
      return true;
    case 'none':
      return false;
    default:
      return ANSWER_EXPECTED_TEMPLATES.includes(template);
  }
}

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const SEVERITY_RANK = { info: 0, warning: 1, urgent: 2 } as const;

/** The order the executor should run a plan in: priority first (the SLA and the promised time depend on it). */
export const ACTION_ORDER: readonly Action['type'][] = [
  'setPriority',
  'addLabels',
  'assign',
  'startSla',
  'collect',
  'recordKudos',
  'sendMessage',
  'notifyTeam',
  'sendSurvey',
];

/** Raises, never lowers: the higher of the current priority and the wanted one. */
export const raisePriority = (current: Priority, wanted: Priority): Priority => (PRIORITY_RANK[wanted] > PRIORITY_RANK[current] ? wanted : current);

/**
 * Merges the actions of every matched rule into one plan, so one item never gets two messages for
 * one event: the highest `setPriority`; the union of labels; the first `assign`, `sendMessage`
 * (rules earlier in the document win) and `sendSurvey`; `startSla` and `recordKudos` once; each
 * collection once; the most severe `notifyTeam` (the first among equals). Ordered by `ACTION_ORDER`.
 * A `sendMessage` the document's acknowledgement policy does not allow is left out before merging
 * (`answer-expected` when the document says nothing), so the next allowed one can win.
 * Optional: an executor may run `matchRules` results as they are.
 */
export function planActions(matches: ReadonlyArray<{ actions: readonly Action[] }>, acknowledgements?: AcknowledgementPolicy): Action[] {
  const all = matches.flatMap((m) => m.actions).filter((a) => a.type !== 'sendMessage' || messageAllowed(acknowledgements, a.template));
  const plan: Action[] = [];
  let priority: Priority | undefined;
  const labels: string[] = [];
  let notify: Extract<Action, { type: 'notifyTeam' }> | undefined;
  const collections = new Set<string>();
  for (const a of all) {
    switch (a.type) {
      case 'setPriority':
        priority = priority === undefined ? a.priority : raisePriority(priority, a.priority);
        break;
      case 'addLabels':
        for (const l of a.labels) if (!labels.includes(l)) labels.push(l);
        break;
      case 'notifyTeam':
        if (!notify || SEVERITY_RANK[a.severity] > SEVERITY_RANK[notify.severity]) notify = a;
        break;
      case 'collect':
        if (!collections.has(a.collection)) plan.push(a);
        collections.add(a.collection);
        break;
      default:
        if (!plan.some((p) => p.type === a.type)) plan.push(a);
    }
  }
  if (priority !== undefined) plan.push({ type: 'setPriority', priority });
  if (labels.length > 0) plan.push({ type: 'addLabels', labels });
  if (notify) plan.push(notify);
  return plan
    .map((action, index) => ({ action, index }))
    .sort((a, b) => ACTION_ORDER.indexOf(a.action.type) - ACTION_ORDER.indexOf(b.action.type) || a.index - b.index)
    .map(({ action }) => action);
}
