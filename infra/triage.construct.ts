import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { OuvidorFunction } from './ouvidor-function.construct.js';
import type { ServiceStack } from './service.stack.js';
import type { StatefulStack } from './stateful.stack.js';

export interface TriageProps {
  readonly service: ServiceStack;
  readonly stateful: Pick<StatefulStack, 'table'>;
  readonly bus: IEventBus;
  /** The SES identity replies are sent from (context `ouvidor:emailIdentity`). */
  readonly emailIdentity: string;
  /** The `From` header of replies (context `ouvidor:emailFrom`). */
  readonly emailFrom: string;
}

/**
 * The agents' triage API: the inbox (read only), changes and bulk changes (table + the bus, for
 * `feedback.resolved`), replies to customers (table + SES from one identity + the app secret for
 * social reply tokens) and internal notes (table only).
 */
export class TriageFunctions extends Construct {
  public readonly listFeedback: OuvidorFunction;

  constructor(scope: Construct, id: string, props: TriageProps) {
    super(scope, id);
    const { service } = props;
    const { table } = props.stateful;
    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';

    this.listFeedback = service.addFunction('ListFeedback', { handlerName: 'list-feedback' });
    this.listFeedback.grantTableRead(table);
    service.addRoute('/v1/feedback', HttpMethod.GET, this.listFeedback, jwt);
  }
}
