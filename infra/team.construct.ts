import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { COGNITO_USER_ADMIN_ACTIONS } from '../shared/adapters/cognito-user-directory.adapter.js';
import type { OuvidorFunction } from './ouvidor-function.construct.js';
import type { ServiceStack } from './service.stack.js';
import type { StatefulStack } from './stateful.stack.js';

export interface TeamProps {
  readonly service: ServiceStack;
  readonly stateful: Pick<StatefulStack, 'table' | 'userPool'>;
}

/**
 * The team's own routes: staff users (Cognito admin calls on this user pool only), canned
 * replies (the table) and the public OpenAPI document (no grants). The local-only sign-in
 * (`POST /v1/auth/login`) has no counterpart here: on AWS the console uses Cognito SRP.
 */
export class TeamFunctions extends Construct {
  public readonly users: OuvidorFunction;
  public readonly cannedReplies: OuvidorFunction;
  public readonly openApi: OuvidorFunction;

  constructor(scope: Construct, id: string, props: TeamProps) {
    super(scope, id);
    const { service } = props;
    const { table, userPool } = props.stateful;
    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';

    this.users = service.addFunction('Users', { handlerName: 'users', environment: { OUVIDOR_USER_POOL_ID: userPool.userPoolId } });
    this.users.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...COGNITO_USER_ADMIN_ACTIONS], resources: [userPool.userPoolArn] }));
    service.addRoute('/v1/users', HttpMethod.GET, this.users, `${jwt} Admins only.`);
    service.addRoute('/v1/users', HttpMethod.POST, this.users, `${jwt} Admins only.`);

    this.cannedReplies = service.addFunction('CannedReplies', { handlerName: 'canned-replies' });
    this.cannedReplies.grantTableReadWrite(table);
    service.addRoute('/v1/canned-replies', HttpMethod.GET, this.cannedReplies, jwt);
    service.addRoute('/v1/canned-replies', HttpMethod.POST, this.cannedReplies, `${jwt} Admins only.`);
    service.addRoute('/v1/canned-replies/{id}', HttpMethod.PUT, this.cannedReplies, `${jwt} Admins only.`);
    service.addRoute('/v1/canned-replies/{id}', HttpMethod.DELETE, this.cannedReplies, `${jwt} Admins only.`);

    this.openApi = service.addFunction('OpenApi', { handlerName: 'openapi' });
    service.addRoute('/v1/openapi.json', HttpMethod.GET, this.openApi, 'Public: the API description (no data).');
  }
}
