import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';

const DOMAIN = 'loja.example.com.br';
let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor({ stage: 'qa', 'ouvidor:emailIdentity': DOMAIN, 'ouvidor:emailFrom': `"Loja" <atendimento@${DOMAIN}>` });
}, 300_000);

describe('outbound email (SES)', () => {
  it('an email identity for the configured domain, with the configuration set as its default', () => {
    const configSetId = logicalId(t.built.service.email.configurationSet);
    t.service.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: DOMAIN, ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configSetId } } });
  });

  it('the configuration set: named after the stage, reputation metrics, account suppression of bounces and complaints', () => {
    t.service.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'ouvidor-qa',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('bounces and complaints are published to their SNS topic', () => {
    const destinations = Object.values(t.service.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations).toHaveLength(1);
    const d = destinations[0]?.['Properties'];
    expect(d['ConfigurationSetName']).toEqual({ Ref: logicalId(t.built.service.email.configurationSet) });
    expect(d['EventDestination']['Enabled']).toBe(true);
    expect([...d['EventDestination']['MatchingEventTypes']].sort()).toEqual(['bounce', 'complaint']);
    expect(d['EventDestination']['SnsDestination']).toEqual({ TopicARN: { Ref: logicalId(t.built.service.email.deliveryProblemsTopic) } });
  });

  it('every function that sends through SES names the configuration set and may use it', () => {
    const functions = t.service.findResources('AWS::Lambda::Function');
    const senders = Object.entries(functions).filter(([, f]) => f['Properties']['Environment']?.['Variables']?.['OUVIDOR_EMAIL_OUTBOUND'] === 'ses');
    expect(senders.length).toBeGreaterThanOrEqual(3);
    const configSetId = logicalId(t.built.service.email.configurationSet);
    for (const [id, fn] of senders) {
      expect(fn['Properties']['Environment']['Variables']['OUVIDOR_SES_CONFIGURATION_SET'], id).toEqual({ Ref: configSetId });
      const statements = roleStatements(t.service, JSON.stringify(fn['Properties']['Role']).match(/"([A-Za-z0-9]+)","Arn"/)![1]!);
      const resources = resourcesFor(statements, 'ses:SendEmail').join(' ');
      expect(resources, id).toContain(`:identity/${DOMAIN}`);
      expect(resources, id).toContain(':configuration-set/ouvidor-qa');
    }
    // Nobody else may send.
    for (const [id, fn] of Object.entries(functions).filter(([, f]) => f['Properties']['Environment']?.['Variables']?.['OUVIDOR_EMAIL_OUTBOUND'] !== 'ses')) {
      const role = JSON.stringify(fn['Properties']['Role']).match(/"([A-Za-z0-9]+)","Arn"/)?.[1];
      if (role) expect(actionsOf(roleStatements(t.service, role)), id).not.toContain('ses:SendEmail');
    }
  });
});
