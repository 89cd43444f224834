import { beforeAll, describe, expect, it } from 'vitest';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildOuvidorApp } from './ouvidor-app.fixture.js';
import { BUNDLE_ALL } from './ouvidor-app.fixture.js';
import type { OuvidorApp } from '../../infra/ouvidor-app.factory.js';

/**
 * cdk-nag 3 runs as a CDK validation plugin: findings are not construct annotations but a
 * validation report, and synth throws on unacknowledged errors. So: synth must succeed, and the
 * pack run directly (validateScope, after synth resolved cross-stack references) must find no error.
 */
function nagErrors(built: OuvidorApp): string[] {
  const report = new AwsSolutionsChecks().validateScope(built.app);
  return report.violations
    .filter((v) => v.severity === 'error')
    .map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
}

describe('cdk-nag AwsSolutions', () => {
  let built: OuvidorApp;
  beforeAll(() => {
    built = buildOuvidorApp(BUNDLE_ALL);
    // Bundles every function (three more with the metrics): can pass the 60 s hook default under a parallel run.
  }, 180_000);

  it('synth (with the nag validation plugin registered) succeeds', () => {
    expect(() => built.app.synth()).not.toThrow();
  });

  it('reports no unacknowledged errors', () => {
    expect(nagErrors(built)).toEqual([]);
  });

  it('leaves no error annotations on either stack', () => {
    for (const stack of [built.stateful, built.service]) {
      expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    }
  });

  it('stays clean with threat protection off (Essentials tier, COG8 acknowledged)', () => {
    const essentials = buildOuvidorApp({ 'ouvidor:threatProtection': false });
    expect(() => essentials.app.synth()).not.toThrow();
    expect(nagErrors(essentials)).toEqual([]);
    // A second full synth (every function bundled): slower than the default 30 s under a parallel run.
  }, 120_000);

});
