import * as z from 'zod';
import { CategorySchema, ChannelSchema, SentimentLabelSchema } from '../analysis.schema.js';
import { PrioritySchema } from '../feedback.schema.js';
import { TemplateIdSchema, templateAudience } from './message-templates.js';
import { InvalidRulesError } from './rules.errors.js';

export { InvalidRulesError };

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, hyphens)').max(64);
const term = z.string().trim().min(1, 'must not be empty').max(200);
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value');

const ScoreRangeSchema = z
  .object({ min: z.number().min(0).max(1).optional(), max: z.number().min(0).max(1).optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min must not exceed max', path: ['min'] });
export type ScoreRange = z.infer<typeof ScoreRangeSchema>;

export const RatingBandSchema = z.enum(['detractor', 'passive', 'promoter', 'csat-unhappy', 'csat-neutral', 'csat-happy']);
export type RatingBand = z.infer<typeof RatingBandSchema>;

/** Every field is optional; the fields given are ANDed. An empty condition holds for every item. */
export interface Condition {
  category?: z.infer<typeof CategorySchema>[];
  sentiment?: z.infer<typeof SentimentLabelSchema>[];
  scores?: { Positive?: ScoreRange; Negative?: ScoreRange; Neutral?: ScoreRange; Mixed?: ScoreRange };
  channel?: z.infer<typeof ChannelSchema>[];
  rating?: RatingBand[];
  /** Language codes; `pt` matches `pt` and `pt-BR`, `pt-BR` matches `pt-BR` and a bare `pt`. */
  language?: string[];
  /** Any of them, whole words or phrases, case- and accent-insensitive, in the text or the subject. A trailing `*` matches a prefix. */
  keywords?: string[];
  /** Any of them, as whole words or phrases inside one of the item's key phrases, case- and accent-insensitive. */
  keyPhrases?: string[];
  customer?: { hasEmail?: boolean; hasPhone?: boolean; hasHandle?: boolean; id?: string[] };
  /** Holds when the nested condition does not. */
  not?: Condition;
}

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .object({
      category: list(CategorySchema).optional(),
      sentiment: list(SentimentLabelSchema).optional(),
      scores: z
        .object({ Positive: ScoreRangeSchema, Negative: ScoreRangeSchema, Neutral: ScoreRangeSchema, Mixed: ScoreRangeSchema })
        .partial()
        .strict()
        .optional(),
      channel: list(ChannelSchema).optional(),
      rating: list(RatingBandSchema).optional(),
      language: list(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code like pt or pt-BR')).optional(),
      keywords: list(z.string().max(200).refine((k) => /[\p{L}\p{N}]/u.test(k), 'must contain a letter or digit')).optional(),
      keyPhrases: list(term).optional(),
      customer: z
        .object({ hasEmail: z.boolean(), hasPhone: z.boolean(), hasHandle: z.boolean(), id: list(z.string().min(1).max(128)) })
        .partial()
        .strict()
        .optional(),
      not: ConditionSchema.optional(),
    })
    .strict(),
);

const template = TemplateIdSchema;
const ACTION_TYPES = ['setPriority', 'addLabels', 'assign', 'sendMessage', 'notifyTeam', 'startSla', 'sendSurvey', 'recordKudos', 'collect'] as const;

export const ActionSchema = z.discriminatedUnion('type', [
  /** Raises the item to at least this priority; never lowers it. */
  z.object({ type: z.literal('setPriority'), priority: PrioritySchema }).strict(),
  z.object({ type: z.literal('addLabels'), labels: list(z.string().trim().min(1).max(50)) }).strict(),
  /** Round robin among the team's available agents (the executor picks). */
  z.object({ type: z.literal('assign'), team: kebab }).strict(),
  /** To the customer, in their language, on their channel. */
  z.object({ type: z.literal('sendMessage'), template }).strict(),
  z.object({ type: z.literal('notifyTeam'), template, severity: z.enum(['info', 'warning', 'urgent']) }).strict(),
  z.object({ type: z.literal('startSla') }).strict(),
  z.object({ type: z.literal('sendSurvey'), survey: z.enum(['nps', 'csat']) }).strict(),
  /** Credits the agent the customer praised (the executor resolves who, e.g. with `mentionsAgent`). */
  z.object({ type: z.literal('recordKudos') }).strict(),
  /** Adds the item to a named collection, e.g. `product-ideas` (periodic digest) or `praise` (the praise feed). */
  z.object({ type: z.literal('collect'), collection: kebab }).strict(),
], { error: (issue) => (issue.code === 'invalid_union' ? `unknown action type; expected one of ${ACTION_TYPES.join(', ')}` : undefined) });
export type Action = z.infer<typeof ActionSchema>;
export type ActionType = Action['type'];
// ACTION_TYPES (for the error message) must list every action type.
const everyActionType: Exclude<ActionType, (typeof ACTION_TYPES)[number]> extends never ? true : false = true;
void everyActionType;

export const TriggerSchema = z.enum(['analyzed', 'resolved']);
export type Trigger = z.infer<typeof TriggerSchema>;

export const RuleSchema = z
  .object({
    id: kebab,
    description: z.string().max(1000).optional(),
    trigger: TriggerSchema,
    /** `any`: at least one holds; `all`: every one holds; both given: both must hold. */
    when: z
      .object({ any: list(ConditionSchema).optional(), all: list(ConditionSchema).optional() })
      .strict()
      .refine((w) => w.any !== undefined || w.all !== undefined, 'needs `any` or `all` with at least one condition'),
    actions: z.array(ActionSchema).min(1, 'needs at least one action'),
    enabled: z.boolean().default(true),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const AgentSchema = z
  .object({ id: kebab, name: z.string().trim().min(1).max(200), email: z.email().optional(), available: z.boolean().default(true) })
  .strict();
export type Agent = z.infer<typeof AgentSchema>;

export const TeamSchema = z.object({ id: kebab, name: z.string().trim().min(1).max(200), agents: z.array(AgentSchema) }).strict();
export type Team = z.infer<typeof TeamSchema>;

/**
 * Which automatic customer messages (`sendMessage` actions) the rules may send:
 * - `answer-expected` (the default, also when absent): only the acknowledgements of what asks for
 *   an answer (`complaint-ack`, `question-ack`: complaints, negative items, detractors, questions);
 *   praise and suggestions are still recorded (kudos, collections) but get no thank-you message;
 * - `all`: every `sendMessage` of the matched rules, thank-yous included;
 * - `none`: no automatic customer message (agents' replies and `sendSurvey` are not affected).
 */
export const ACKNOWLEDGEMENT_POLICIES = ['answer-expected', 'all', 'none'] as const;
export const AcknowledgementPolicySchema = z.enum(ACKNOWLEDGEMENT_POLICIES);
export type AcknowledgementPolicy = z.infer<typeof AcknowledgementPolicySchema>;
export const DEFAULT_ACKNOWLEDGEMENT_POLICY: AcknowledgementPolicy = 'answer-expected';

export const RulesDocumentSchema = z
  .object({ version: z.literal(1), acknowledgements: AcknowledgementPolicySchema.optional(), teams: z.array(TeamSchema), rules: z.array(RuleSchema) })
  .strict()
  .superRefine((doc, ctx) => {
    const dup = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const teamIds = new Set<string>();
    doc.teams.forEach((team, i) => {
      if (teamIds.has(team.id)) dup(['teams', i, 'id'], `duplicate team id '${team.id}'`);
      teamIds.add(team.id);
      const agentIds = new Set<string>();
      team.agents.forEach((agent, j) => {
        if (agentIds.has(agent.id)) dup(['teams', i, 'agents', j, 'id'], `duplicate agent id '${agent.id}'`);
        agentIds.add(agent.id);
      });
    });
    const ruleIds = new Set<string>();
    doc.rules.forEach((rule, i) => {
      if (ruleIds.has(rule.id)) dup(['rules', i, 'id'], `duplicate rule id '${rule.id}'`);
      ruleIds.add(rule.id);
      rule.actions.forEach((action, j) => {
        const at = ['rules', i, 'actions', j];
        if (action.type === 'assign' && !teamIds.has(action.team)) dup([...at, 'team'], `unknown team '${action.team}'`);
        if (action.type === 'sendMessage' && templateAudience(action.template) !== 'customer')
          dup([...at, 'template'], `'${action.template}' is a team template; sendMessage needs a customer template`);
        if (action.type === 'sendMessage' && action.template === 'survey-invite')
          dup([...at, 'template'], "'survey-invite' needs a survey link; use a sendSurvey action");
        if (action.type === 'notifyTeam' && templateAudience(action.template) !== 'team')
          dup([...at, 'template'], `'${action.template}' is a customer template; notifyTeam needs a team template`);
      });
    });
  });
export type RulesDocument = z.infer<typeof RulesDocumentSchema>;
/** What an admin may write: `enabled` and `available` may be left out (default true). */
export type RulesDocumentInput = z.input<typeof RulesDocumentSchema>;
