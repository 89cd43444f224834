import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OuvidorError } from '../../../shared/domain/errors.js';
import { DEFAULT_RULES } from '../../../shared/domain/workflows/default-rules.js';
import { InvalidRulesError } from '../../../shared/domain/workflows/rules.schema.js';
import { parseRulesDocument, serializeRulesDocument } from '../../../shared/domain/workflows/rules-text.js';

const yamlDefault = readFileSync(new URL('../../../config/rules.default.yaml', import.meta.url), 'utf8');

function failure(text: string, format: 'json' | 'yaml'): InvalidRulesError {
  try {
    parseRulesDocument(text, format);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRulesError);
    return e as InvalidRulesError;
  }
  throw new Error('expected the document to be rejected');
}
const fields = (e: InvalidRulesError) => e.details.map((d) => d.field);

const rule = (over: object = {}) => ({ id: 'r-1', trigger: 'analyzed', when: { all: [{}] }, actions: [{ type: 'startSla' }], ...over });
const json = (rules: object[], teams: object[] = []) => JSON.stringify({ version: 1, teams, rules });

describe('the default rules file', () => {
  it('config/rules.default.yaml is the same document as DEFAULT_RULES', () => {
    expect(parseRulesDocument(yamlDefault, 'yaml')).toEqual(DEFAULT_RULES);
  });

  it('serializes to JSON and YAML and parses back to an equal document', () => {
    for (const format of ['json', 'yaml'] as const) {
      const text = serializeRulesDocument(DEFAULT_RULES, format);
      expect(text.endsWith('\n')).toBe(true);
      expect(parseRulesDocument(text, format)).toEqual(DEFAULT_RULES);
    }
    expect(JSON.parse(serializeRulesDocument(DEFAULT_RULES, 'json'))).toMatchObject({ version: 1, teams: [{ id: 'support' }] });
  });
});

describe('parseRulesDocument', () => {
  it('fills defaults: rules and agents are enabled / available unless said otherwise', () => {
    const doc = parseRulesDocument(
      'version: 1\nteams: [{id: support, name: Support, agents: [{id: ana, name: Ana}]}]\nrules:\n  - {id: r-1, trigger: resolved, when: {any: [{}]}, actions: [{type: assign, team: support}]}\n',
      'yaml',
    );
    expect(doc.rules[0]?.enabled).toBe(true);
    expect(doc.teams[0]?.agents[0]?.available).toBe(true);
  });

  it('is a 400 OuvidorError naming each bad path (JSON)', () => {
    const rules = [rule(), rule({ id: 'r-2' }), rule({ id: 'r-3' }), rule({ id: 'r-4', actions: [{ type: 'sendMessage', template: 'no-such-template' }] })];
    const e = failure(json(rules), 'json');
    expect(e).toBeInstanceOf(OuvidorError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_rules');
    expect(fields(e)).toEqual(['rules.3.actions.0.template']);
  });

  it('reports every structural problem at once', () => {
    const e = failure(
      json([
        rule({ id: 'Not Kebab', trigger: 'created', when: {}, actions: [] }),
        rule({ actions: [{ type: 'explode' }, { type: 'setPriority', priority: 'critical' }] }),
        rule({ when: { any: [{ categroy: ['complaint'] }] } }),
        rule({ when: { all: [{ scores: { Negative: { min: 0.9, max: 0.2 } }, not: { keywords: [' '] } }] } }),
      ]),
      'json',
    );
    expect(fields(e)).toEqual([
      'rules.0.id',
      'rules.0.trigger',
      'rules.0.when',
      'rules.0.actions',
      'rules.1.actions.0.type',
      'rules.1.actions.1.priority',
      'rules.2.when.any.0',
      'rules.3.when.all.0.scores.Negative.min',
      'rules.3.when.all.0.not.keywords.0',
    ]);
    expect(e.details[4]?.message).toContain('setPriority');
    expect(e.details[6]?.message).toContain('categroy');
  });

  it('cross-checks ids, teams and template audiences', () => {
    const e = failure(
      json(
        [
          rule(),
          rule({ actions: [{ type: 'assign', team: 'billing' }, { type: 'assign', team: 'support' }] }),
          rule({ id: 'r-3', actions: [{ type: 'sendMessage', template: 'team-urgent' }, { type: 'notifyTeam', template: 'complaint-ack', severity: 'info' }] }),
          rule({ id: 'r-4', actions: [{ type: 'sendMessage', template: 'survey-invite' }] }),
        ],
        [{ id: 'support', name: 'Support', agents: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] }, { id: 'support', name: 'Dup', agents: [] }],
      ),
      'json',
    );
    expect(fields(e)).toEqual([
      'teams.0.agents.1.id',
      'teams.1.id',
      'rules.1.id',
      'rules.1.actions.0.team',
      'rules.2.actions.0.template',
      'rules.2.actions.1.template',
      'rules.3.actions.0.template',
    ]);
    expect(e.message).toContain('rules.1.actions.0.team');
  });

  it('names paths in YAML too', () => {
    const yaml = `version: 1
teams: []
rules:
  - id: first
    trigger: analyzed
    when: { any: [{ channel: [email] }] }
    actions:
      - type: notifyTeam
        template: team-urgent
        severity: panic
      - type: collect
        collection: Product Ideas
`;
    expect(fields(failure(yaml, 'yaml'))).toEqual(['rules.0.actions.0.severity', 'rules.0.actions.1.collection']);
    expect(fields(failure('version: 2\nteams: []\nrules: []\nextra: 1\n', 'yaml'))).toEqual(['version', '']);
  });

  it('rejects malformed JSON and YAML with a 400', () => {
    const j = failure('{"version": 1,', 'json');
    expect(j.message).toContain('not valid JSON');
    const y = failure('version: 1\nrules: [\n  - id: a\n', 'yaml');
    expect(y.message).toContain('not valid YAML');
    expect(y.details[0]?.message).toMatch(/line \d+/);
    expect(failure('version: 1\nversion: 1\n', 'yaml').message).toContain('not valid YAML');
    expect(fields(failure('', 'yaml'))).toEqual(['']);
  });
});
