import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { createOuvidorApp } from '../../infra/ouvidor-app.factory.js';
import type { OuvidorApp } from '../../infra/ouvidor-app.factory.js';

/** cdk.json's context (feature flags + ouvidor defaults), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** CDK context that bundles every function with esbuild (what `cdk synth` does). */
export const BUNDLE_ALL = { 'aws:cdk:bundling-stacks': ['**'] };

/**
 * Builds the app into a temp dir. Templates do not depend on the bundles, so function bundling is
 * skipped unless asked for (`BUNDLE_ALL`): one test proves bundling works, the others stay fast.
 */
export function buildOuvidorApp(contextOverrides: Record<string, unknown> = {}): OuvidorApp {
  return createOuvidorApp({
    outdir: mkdtempSync(join(tmpdir(), 'ouvidor-cdk-')),
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...contextOverrides },
  });
}

export interface OuvidorTemplates {
  readonly built: OuvidorApp;
  readonly stateful: Template;
  readonly service: Template;
}

/** Synthesizes once (running the cdk-nag validation plugin) and returns both templates. */
export function synthOuvidor(contextOverrides: Record<string, unknown> = {}): OuvidorTemplates {
  const built = buildOuvidorApp(contextOverrides);
  built.app.synth();
  return { built, stateful: Template.fromStack(built.stateful), service: Template.fromStack(built.service) };
}

export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
}

interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every Allow statement of the inline policies attached to a role (by the role's logical id). */
export function roleStatements(template: Template, roleLogicalId: string): PolicyStatementJson[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => JSON.stringify(p['Properties']['Roles']).includes(`"${roleLogicalId}"`))
    .flatMap((p) => p['Properties']['PolicyDocument']['Statement'] as PolicyStatementJson[])
    .filter((s) => s.Effect === 'Allow');
}

export function actionsOf(statements: readonly PolicyStatementJson[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** Statements granting `action`, with their resources serialized (to look for a logical id). */
export function resourcesFor(statements: readonly PolicyStatementJson[], action: string): string[] {
  return statements.filter((s) => actionsOf([s]).includes(action)).map((s) => JSON.stringify(s.Resource));
}
