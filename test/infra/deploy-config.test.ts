import { describe, expect, it } from 'vitest';
import { CONTEXT } from '../../infra/ouvidor-app.factory.js';
import { DeployConfigError, parseDeployConfig } from '../../infra/deploy-config.schema.js';
import { COMPREHEND_REGIONS, SES_RECEIVING_REGIONS } from '../../infra/region-support.data.js';
import { buildOuvidorApp } from './ouvidor-app.fixture.js';

/** Parses a context given as `-c key=value` pairs would be (strings), keyed by context key. */
const parse = (context: Record<string, unknown>) => parseDeployConfig((key) => context[key], CONTEXT);
const errorOf = (context: Record<string, unknown>): string => {
  try {
    parse(context);
  } catch (e) {
    expect(e).toBeInstanceOf(DeployConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the context to be rejected');
};

const PROD = {
  stage: 'prod',
  'ouvidor:emailIdentity': 'loja.example.com.br',
  'ouvidor:emailFrom': '"Loja" <atendimento@loja.example.com.br>',
  'ouvidor:corsAllowOrigins': 'https://www.loja.example.com.br',
  'ouvidor:alertEmail': 'ops@loja.example.com.br',
};

describe('deploy context', () => {
  it('defaults: stage dev, no region (env-agnostic), data retained, inbound email on, CORS *', () => {
    const c = parse({});
    expect(c).toMatchObject({ stage: 'dev', retainData: true, inboundEmail: true, corsAllowOrigins: ['*'], emailIdentity: 'example.com', logLevel: 'INFO' });
    expect(c.region).toBeUndefined();
    expect(c.analysisRegion).toBeUndefined();
  });

  it('reads -c strings: booleans, comma lists, numbers, log level in any case', () => {
    const c = parse({ 'ouvidor:retainData': 'false', 'ouvidor:inboundEmail': 'false', 'ouvidor:corsAllowOrigins': 'https://a.example, https://b.example:8443', 'ouvidor:cascadeThreshold': '0.5', 'ouvidor:logLevel': 'debug' });
    expect(c).toMatchObject({ retainData: false, inboundEmail: false, corsAllowOrigins: ['https://a.example', 'https://b.example:8443'], cascadeThreshold: 0.5, logLevel: 'DEBUG' });
  });

  it('São Paulo: no Comprehend and no SES receiving, each named with its context key and the fix', () => {
    expect(COMPREHEND_REGIONS).not.toContain('sa-east-1');
    expect(SES_RECEIVING_REGIONS).not.toContain('sa-east-1');
    const message = errorOf({ 'ouvidor:region': 'sa-east-1' });
    expect(message).toMatch(/ouvidor:analysisRegion: sa-east-1 has no Amazon Comprehend endpoint.*-c ouvidor:analysisRegion=us-east-1/);
    expect(message).toMatch(/ouvidor:inboundEmail: SES does not receive email in sa-east-1.*-c ouvidor:inboundEmail=false/);
    expect(parse({ 'ouvidor:region': 'sa-east-1', 'ouvidor:analysisRegion': 'us-east-1', 'ouvidor:inboundEmail': 'false' })).toMatchObject({ region: 'sa-east-1', analysisRegion: 'us-east-1' });
  });

  it('rejects an analysis region without Comprehend and malformed regions', () => {
    expect(errorOf({ 'ouvidor:analysisRegion': 'sa-east-1' })).toMatch(/ouvidor:analysisRegion: sa-east-1 has no Amazon Comprehend endpoint/);
    expect(errorOf({ 'ouvidor:region': 'Sao Paulo' })).toMatch(/ouvidor:region: not an AWS region name/);
  });

  it('a home region with Comprehend and SES receiving needs nothing else', () => {
    expect(parse({ 'ouvidor:region': 'us-east-1' }).analysisRegion).toBeUndefined();
  });

  it('stage names: short, lowercase, start with a letter', () => {
    expect(parse({ stage: 'staging' }).stage).toBe('staging');
    for (const bad of ['Prod', 'prod_1', '1prod', 'a-very-long-stage-name']) expect(errorOf({ stage: bad })).toMatch(/^ {2}- stage: a stage is/m);
  });

  it('the From address must belong to the SES identity', () => {
    expect(errorOf({ 'ouvidor:emailIdentity': 'loja.example', 'ouvidor:emailFrom': '"Loja" <x@other.example>' })).toMatch(/ouvidor:emailFrom: x@other.example is not sent from the SES identity loja.example/);
    expect(errorOf({ 'ouvidor:emailIdentity': 'a@loja.example', 'ouvidor:emailFrom': 'b@loja.example' })).toMatch(/ouvidor:emailFrom/);
    expect(parse({ 'ouvidor:emailIdentity': 'loja.example', 'ouvidor:emailFrom': '"Loja" <atendimento@loja.example>' }).emailIdentity).toBe('loja.example');
  });

  it('CORS origins and inbound recipients are validated item by item', () => {
    expect(errorOf({ 'ouvidor:corsAllowOrigins': 'https://a.example/path' })).toMatch(/ouvidor:corsAllowOrigins: each origin is \* or scheme:\/\/host/);
    expect(errorOf({ 'ouvidor:inboundEmailRecipients': 'not an address' })).toMatch(/ouvidor:inboundEmailRecipients: each recipient/);
  });

  it('prod: a complete production context passes', () => {
    expect(parse(PROD)).toMatchObject({ stage: 'prod', retainData: true, alertEmail: 'ops@loja.example.com.br' });
  });

  it('prod refuses placeholders, open CORS, no alert address and throwaway data, all in one message', () => {
    const message = errorOf({ stage: 'prod', 'ouvidor:retainData': 'false' });
    expect(message).toContain('ouvidor:retainData: the prod stage always retains');
    expect(message).toContain('ouvidor:emailIdentity: example.com is a placeholder');
    expect(message).toContain('ouvidor:corsAllowOrigins: prod needs the explicit origins');
    expect(message).toContain('ouvidor:alertEmail: prod needs an address');
  });

  it('the app fails at construction with that message, before any stack exists', () => {
    expect(() => buildOuvidorApp({ 'ouvidor:region': 'sa-east-1' })).toThrow(/Invalid Ouvidor deploy context[\s\S]*ouvidor:analysisRegion/);
  });
});
