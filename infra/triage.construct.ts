import { Stack } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
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
  public readonly patchFeedback: OuvidorFunction;
  public readonly bulkTriage: OuvidorFunction;
  public readonly replyFeedback: OuvidorFunction;
  public readonly addNote: OuvidorFunction;

  constructor(scope: Construct, id: string, props: TriageProps) {
    super(scope, id);
    const { service, bus } = props;
    const { table } = props.stateful;
    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';

    this.listFeedback = service.addFunction('ListFeedback', { handlerName: 'list-feedback' });
    this.listFeedback.grantTableRead(table);
    service.addRoute('/v1/feedback', HttpMethod.GET, this.listFeedback, jwt);

    const changer = (fn: OuvidorFunction) => {
      fn.grantTableReadWrite(table);
      fn.grantPutEvents(bus);
      return fn;
    };
    this.patchFeedback = changer(service.addFunction('PatchFeedback', { handlerName: 'patch-feedback' }));
    service.addRoute('/v1/feedback/{id}', HttpMethod.PATCH, this.patchFeedback, jwt);
    this.bulkTriage = changer(service.addFunction('BulkTriage', { handlerName: 'bulk-triage' }));
    service.addRoute('/v1/feedback/bulk', HttpMethod.POST, this.bulkTriage, jwt);

    this.replyFeedback = service.addFunction('ReplyFeedback', {
      handlerName: 'reply-feedback',
      environment: { OUVIDOR_EMAIL_OUTBOUND: 'ses', OUVIDOR_EMAIL_FROM: props.emailFrom },
    });
    this.replyFeedback.grantTableReadWrite(table);
    this.replyFeedback.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: props.emailIdentity })],
      }),
    );
    service.grantAppSecretRead(this.replyFeedback); // social reply tokens
    service.addRoute('/v1/feedback/{id}/replies', HttpMethod.POST, this.replyFeedback, jwt);

    this.addNote = service.addFunction('AddNote', { handlerName: 'add-note' });
    this.addNote.grantTableReadWrite(table);
    service.addRoute('/v1/feedback/{id}/notes', HttpMethod.POST, this.addNote, jwt);
  }
}
