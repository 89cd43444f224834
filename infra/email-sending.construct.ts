import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { OuvidorFunction } from './ouvidor-function.construct.js';

export interface EmailSendingProps {
  /** The SES identity mail is sent from: a domain (DKIM records to publish) or one address (context `ouvidor:emailIdentity`). */
  readonly emailIdentity: string;
  /** The configuration set's name, e.g. `ouvidor-prod` (SES names are per account and region). */
  readonly configurationSetName: string;
}

/** The SES events a sender must act on: the address does not take mail (bounce) or the person objects (complaint). */
export const DELIVERY_PROBLEM_EVENTS = [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT] as const;

/**
 * Outbound email on SES: the sending identity (Easy DKIM), a configuration set (reputation metrics,
 * the account suppression list for bounces and complaints) that is the identity's default, and an
 * SNS topic receiving every bounce and complaint. The consumer that marks the customer's address
 * unreachable is application code (not yet written): subscribe it to `deliveryProblemsTopic`.
 */
export class EmailSending extends Construct {
  public readonly identity: EmailIdentity;
  public readonly configurationSet: ConfigurationSet;
  /** Bounce and complaint events (SES event publishing JSON), for the unreachable-address consumer. */
  public readonly deliveryProblemsTopic: Topic;
  private readonly sendStatement: PolicyStatement;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.deliveryProblemsTopic = new Topic(this, 'DeliveryProblems', { displayName: 'Ouvidor email bounces and complaints', enforceSSL: true });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.deliveryProblemsTopic),
      events: [...DELIVERY_PROBLEM_EVENTS],
    });

    const isAddress = props.emailIdentity.includes('@');
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: isAddress ? Identity.email(props.emailIdentity) : Identity.domain(props.emailIdentity),
      configurationSet: this.configurationSet,
    });

    const stack = Stack.of(this);
    this.sendStatement = new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.emailIdentity }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }),
      ],
    });

    if (!isAddress) {
      // Easy DKIM: three CNAMEs to publish in the domain's DNS before SES verifies it.
      this.identity.dkimRecords.forEach((record, i) =>
        new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}`, description: `DKIM record ${i + 1} of ${props.emailIdentity}` }),
      );
    }
  }

  /**
   * Lets a sending function use the configuration set: sets OUVIDOR_SES_CONFIGURATION_SET (read by
   * the SES messenger) and allows SendEmail on the identity and the configuration set only.
   */
  public grantSend(fn: OuvidorFunction): void {
    fn.function.addEnvironment('OUVIDOR_SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    fn.role.addToPrincipalPolicy(this.sendStatement);
  }
}
