import { RulesDocumentSchema, type RulesDocument, type RulesDocumentInput } from './rules.schema.js';

/**
 * The rules Ouvidor ships with. The same document, commented, is `config/rules.default.yaml`
 * (a test keeps the two equal): change both together.
 */

/** Legal action and consumer-protection bodies: urgent whatever else the text says. */
export const LEGAL_THREAT_KEYWORDS: readonly string[] = [
  // pt-BR
  'procon',
  'reclame aqui',
  'reclameaqui',
  'consumidor.gov',
  'defesa do consumidor',
  'chargeback',
  'contestar a compra',
  'contestar a cobrança',
  'advogado',
  'advogada',
  'advogados',
  'vou processar',
  'vamos processar',
  'irei processar',
  'processar vocês',
  'processar a empresa',
  'processo judicial',
  'ação judicial',
  'medidas judiciais',
  'medidas legais',
  'justiça',
  'juizado',
  'pequenas causas',
  'danos morais',
  // en
  'lawyer',
  'lawyers',
  'attorney',
  'attorneys',
  'lawsuit',
  'legal action',
  'sue you',
  'sue your',
  'sue the company',
  'going to sue',
  'gonna sue',
  'will sue',
  "i'll sue",
  'suing you',
  'small claims',
  'see you in court',
  'take you to court',
  'taking you to court',
  'better business bureau',
  'charge back',
  'dispute the charge',
  'consumer protection',
];

/** Threats to cancel: urgent unless negated (see `CANCEL_NEGATIONS`) or said in a positive message. */
export const CANCEL_THREAT_KEYWORDS: readonly string[] = [
  'cancelar',
  'cancelamento',
  'cancel my',
  'cancel our',
  'cancelling my',
  'canceling my',
  'cancel the subscription',
  'cancel the contract',
  'close my account',
  'terminate my contract',
  'take my business elsewhere',
];

/** "Não quero cancelar": a cancel word that is not a threat. One of these anywhere keeps the cancel branch quiet. */
export const CANCEL_NEGATIONS: readonly string[] = [
  'não quero cancelar',
  'não vou cancelar',
  'não pretendo cancelar',
  'não precisa cancelar',
  'não cancelem',
  'não quero o cancelamento',
  'sem cancelar',
  'desisti de cancelar',
  'desisti do cancelamento',
  "don't want to cancel",
  'do not want to cancel',
  'not going to cancel',
  "won't cancel",
  "don't cancel my",
  'do not cancel my',
];

const NOT_NEGATIVE = [
  { not: { category: ['complaint'] } },
  { not: { sentiment: ['NEGATIVE'] } },
  { not: { rating: ['detractor', 'csat-unhappy'] } },
] satisfies RulesDocumentInput['rules'][number]['when']['all'];

const DEFAULT_RULES_INPUT: RulesDocumentInput = {
  version: 1,
  // Acknowledge what asks for an answer (complaints, questions); praise and suggestions get no thank-you email.
  acknowledgements: 'answer-expected',
  teams: [
    {
      id: 'support',
      name: 'Support',
      agents: [
        { id: 'maria-oliveira', name: 'Maria Oliveira', email: 'maria.oliveira@example.com', available: true },
        { id: 'john-carter', name: 'John Carter', email: 'john.carter@example.com', available: true },
      ],
    },
  ],
  rules: [
    {
      id: 'urgent-threat',
      description: 'Threats of legal action, consumer-protection complaints or cancellation: urgent, the team alerted.',
      trigger: 'analyzed',
      when: {
        any: [
          { keywords: [...LEGAL_THREAT_KEYWORDS] },
          { keywords: [...CANCEL_THREAT_KEYWORDS], sentiment: ['NEGATIVE', 'NEUTRAL', 'MIXED'], not: { keywords: [...CANCEL_NEGATIONS] } },
          { keywords: ['bbb'], language: ['en'] },
        ],
      },
      actions: [
        { type: 'setPriority', priority: 'urgent' },
        { type: 'notifyTeam', template: 'team-urgent', severity: 'urgent' },
        { type: 'startSla' },
      ],
      enabled: true,
    },
    {
      id: 'complaint-or-negative',
      description: 'Complaints, negative messages, NPS detractors and unhappy CSAT: high priority, acknowledged, team notified, SLA started.',
      trigger: 'analyzed',
      when: { any: [{ category: ['complaint'] }, { sentiment: ['NEGATIVE'] }, { rating: ['detractor', 'csat-unhappy'] }] },
      actions: [
        { type: 'setPriority', priority: 'high' },
        { type: 'sendMessage', template: 'complaint-ack' },
        { type: 'notifyTeam', template: 'team-new-complaint', severity: 'warning' },
        { type: 'startSla' },
      ],
      enabled: true,
    },
    {
      id: 'question',
      description: 'Questions go to the support team with a first-response SLA and an acknowledgement.',
      trigger: 'analyzed',
      when: { all: [{ category: ['question'] }] },
      actions: [
        { type: 'assign', team: 'support' },
        { type: 'setPriority', priority: 'normal' },
        { type: 'startSla' },
        { type: 'sendMessage', template: 'question-ack' },
      ],
      enabled: true,
    },
    {
      id: 'suggestion',
      description: 'Suggestions are labelled product-idea, thanked and collected for the product digest.',
      trigger: 'analyzed',
      when: { all: [{ category: ['suggestion'] }] },
      actions: [
        { type: 'addLabels', labels: ['product-idea'] },
        { type: 'sendMessage', template: 'suggestion-thanks' },
        { type: 'collect', collection: 'product-ideas' },
      ],
      enabled: true,
    },
    {
      id: 'praise',
      description: 'Praise, positive messages and promoters (never a complaint or negative): thanked, kudos recorded, into the praise feed.',
      trigger: 'analyzed',
      when: {
        any: [{ category: ['praise'] }, { sentiment: ['POSITIVE'] }, { rating: ['promoter', 'csat-happy'] }],
        all: NOT_NEGATIVE,
      },
      actions: [{ type: 'sendMessage', template: 'praise-thanks' }, { type: 'recordKudos' }, { type: 'collect', collection: 'praise' }],
      enabled: true,
    },
    {
      id: 'csat-after-resolution',
      description: 'When an item is resolved, a CSAT survey to a customer we can reach (not for survey answers themselves).',
      trigger: 'resolved',
      when: {
        all: [{ not: { channel: ['survey'] } }],
        any: [{ customer: { hasEmail: true } }, { customer: { hasPhone: true } }, { customer: { hasHandle: true } }],
      },
      actions: [{ type: 'sendSurvey', survey: 'csat' }],
      enabled: true,
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The default rules, validated and frozen (the matcher caches per document object). */
export const DEFAULT_RULES: RulesDocument = deepFreeze(RulesDocumentSchema.parse(DEFAULT_RULES_INPUT));

/** A mutable copy of the default rules, e.g. to seed the table or edit before saving. */
export const defaultRulesDocument = (): RulesDocument => structuredClone(DEFAULT_RULES);
