import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnTemplate } from './template-facts.js';

/** Every `*.template.json` of a cloud assembly directory (`cdk.out`). */
export function readCloudAssembly(dir: string): CfnTemplate[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.template.json'));
  if (files.length === 0) throw new Error(`${dir} holds no *.template.json: run \`npx cdk synth\` first, or leave out --cdk-out`);
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CfnTemplate);
}

/**
 * Synthesizes the CDK app offline, as `npx cdk synth` does (cdk.json's context, plus `context`),
 * into a temporary directory, and returns its templates. Functions are not bundled: the templates
 * do not depend on the bundles.
 */
export async function synthTemplates(context: Record<string, unknown> = {}): Promise<CfnTemplate[]> {
  const { createOuvidorApp } = await import('../../infra/ouvidor-app.factory.js');
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  const outdir = mkdtempSync(join(tmpdir(), 'ouvidor-cost-'));
  try {
    const { app } = createOuvidorApp({ outdir, context: { ...cdkJson.context, ...context, 'aws:cdk:bundling-stacks': [] } });
    app.synth();
    return readCloudAssembly(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
