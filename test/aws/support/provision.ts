import { CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, type CreateUserPoolCommandInput, type CreateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand, UpdateTimeToLiveCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand, type Target } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, GetRandomPasswordCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateConfigurationSetCommand, CreateEmailIdentityCommand, SESv2Client, type CreateConfigurationSetCommandInput } from '@aws-sdk/client-sesv2';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT, type SynthStack, type TemplateResolver } from './template-resolver.js';

export interface MotoClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly cognito: CognitoIdentityProviderClient;
  readonly secrets: SecretsManagerClient;
  readonly events: EventBridgeClient;
  readonly ses: SESv2Client;
}

export function motoClients(endpoint: string, region: string): MotoClients {
  const c = { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return {
    dynamodb: new DynamoDBClient(c),
    sqs: new SQSClient(c),
    s3: new S3Client({ ...c, forcePathStyle: true }),
    sns: new SNSClient(c),
    cognito: new CognitoIdentityProviderClient(c),
    secrets: new SecretsManagerClient(c),
    events: new EventBridgeClient(c),
    ses: new SESv2Client(c),
  };
}

/** CloudFormation's generated names: `<stack name>-<logical id>`, within the service's limit. */
const nameFor = (stack: SynthStack, logicalId: string, max: number): string => `${stack.stackName}-${logicalId}`.slice(0, max);
const without = (props: Record<string, unknown>, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(props).filter(([k]) => !keys.includes(k)));

/**
 * Creates in moto the stateful resources a stack declares, read from its template (names, keys,
 * indexes, stream, TTL, redrive policies, pool and client settings, rules and targets), and tells
 * the resolver their physical names, ARNs and URLs. The functions and the HTTP API are not created
 * (the rehearsal runs the bundles itself): only their ARNs/endpoint are registered, for references.
 */
export async function provisionStack(aws: MotoClients, r: TemplateResolver, stack: SynthStack): Promise<void> {
  const region = r.region;
  const props = (p: Record<string, unknown>): Record<string, unknown> => r.resolve(stack, p) as Record<string, unknown>;

  for (const [id] of r.resourcesOf(stack, 'AWS::Lambda::Function')) {
    r.register(stack, id, { ref: id, attrs: { Arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${id}` } });
  }
  for (const [id] of r.resourcesOf(stack, 'AWS::ApiGatewayV2::Api')) {
    const apiId = 'rehearsal';
    r.register(stack, id, { ref: apiId, attrs: { ApiEndpoint: `https://${apiId}.execute-api.${region}.amazonaws.com`, ApiId: apiId } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::DynamoDB::Table')) {
    const p = props(raw);
    const TableName = (p['TableName'] as string | undefined) ?? nameFor(stack, id, 255);
    const stream = p['StreamSpecification'] as { StreamViewType: string } | undefined;
    const out = await aws.dynamodb.send(new CreateTableCommand({
      ...(without(p, 'TimeToLiveSpecification', 'PointInTimeRecoverySpecification', 'StreamSpecification', 'Tags') as unknown as CreateTableCommandInput),
      TableName,
      ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_AND_OLD_IMAGES' } }),
    }));
    const ttl = p['TimeToLiveSpecification'] as { AttributeName: string; Enabled: boolean } | undefined;
    if (ttl) await aws.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: ttl }));
    const pitr = p['PointInTimeRecoverySpecification'] as { PointInTimeRecoveryEnabled: boolean } | undefined;
    if (pitr) await aws.dynamodb.send(new UpdateContinuousBackupsCommand({ TableName, PointInTimeRecoverySpecification: pitr }));
    r.register(stack, id, { ref: TableName, attrs: { Arn: out.TableDescription!.TableArn!, StreamArn: out.TableDescription!.LatestStreamArn ?? '' } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::S3::Bucket')) {
    const p = props(raw);
    const Bucket = ((p['BucketName'] as string | undefined) ?? nameFor(stack, id, 63)).toLowerCase();
    await aws.s3.send(new CreateBucketCommand({ Bucket }));
    const versioning = p['VersioningConfiguration'] as { Status: 'Enabled' | 'Suspended' } | undefined;
    if (versioning) await aws.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: versioning }));
    r.register(stack, id, { ref: Bucket, attrs: { Arn: `arn:aws:s3:::${Bucket}`, DomainName: `${Bucket}.s3.amazonaws.com`, RegionalDomainName: `${Bucket}.s3.${region}.amazonaws.com` } });
  }

  // Queues without a redrive policy first: the others name their DLQ's ARN.
  const queues = r.resourcesOf(stack, 'AWS::SQS::Queue').sort(([, a], [, b]) => Number('RedrivePolicy' in a) - Number('RedrivePolicy' in b));
  for (const [id, raw] of queues) {
    const p = props(raw);
    const QueueName = (p['QueueName'] as string | undefined) ?? nameFor(stack, id, 80);
    const attributes: Record<string, string> = {};
    for (const key of ['MessageRetentionPeriod', 'VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize', 'ReceiveMessageWaitTimeSeconds', 'SqsManagedSseEnabled']) {
      if (p[key] !== undefined) attributes[key] = String(p[key]);
    }
    if (p['RedrivePolicy']) attributes['RedrivePolicy'] = JSON.stringify(p['RedrivePolicy']);
    const { QueueUrl } = await aws.sqs.send(new CreateQueueCommand({ QueueName, Attributes: attributes }));
    const got = await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    r.register(stack, id, { ref: QueueUrl!, attrs: { Arn: got.Attributes!['QueueArn']!, QueueName, QueueUrl: QueueUrl! } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::SNS::Topic')) {
    const p = props(raw);
    const Name = (p['TopicName'] as string | undefined) ?? nameFor(stack, id, 256);
    const { TopicArn } = await aws.sns.send(new CreateTopicCommand({ Name, Attributes: p['DisplayName'] ? { DisplayName: String(p['DisplayName']) } : {} }));
    r.register(stack, id, { ref: TopicArn!, attrs: { TopicArn: TopicArn!, TopicName: Name } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::SecretsManager::Secret')) {
    const p = props(raw);
    const gen = p['GenerateSecretString'] as { SecretStringTemplate?: string; GenerateStringKey?: string; PasswordLength?: number; ExcludePunctuation?: boolean } | undefined;
    let SecretString = p['SecretString'] as string | undefined;
    if (gen) {
      // CloudFormation generates the value with the same parameters GetRandomPassword takes.
      const { RandomPassword } = await aws.secrets.send(new GetRandomPasswordCommand({ PasswordLength: gen.PasswordLength, ExcludePunctuation: gen.ExcludePunctuation }));
      SecretString = gen.GenerateStringKey ? JSON.stringify({ ...JSON.parse(gen.SecretStringTemplate ?? '{}'), [gen.GenerateStringKey]: RandomPassword }) : RandomPassword;
    }
    const out = await aws.secrets.send(new CreateSecretCommand({ Name: (p['Name'] as string | undefined) ?? nameFor(stack, id, 256), Description: p['Description'] as string, SecretString }));
    r.register(stack, id, { ref: out.ARN!, attrs: { Id: out.ARN! } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::Cognito::UserPool')) {
    const p = props(raw);
    const input = { ...without(p, 'UserPoolName', 'EnabledMfas', 'UserPoolTags'), PoolName: (p['UserPoolName'] as string | undefined) ?? nameFor(stack, id, 128) };
    const { UserPool } = await aws.cognito.send(new CreateUserPoolCommand(input as unknown as CreateUserPoolCommandInput));
    r.register(stack, id, { ref: UserPool!.Id!, attrs: { Arn: UserPool!.Arn!, ProviderName: `cognito-idp.${region}.amazonaws.com/${UserPool!.Id}`, UserPoolId: UserPool!.Id! } });
  }
  for (const [, raw] of r.resourcesOf(stack, 'AWS::Cognito::UserPoolGroup')) {
    const p = props(raw);
    await aws.cognito.send(new CreateGroupCommand({ UserPoolId: String(p['UserPoolId']), GroupName: String(p['GroupName']), Description: p['Description'] as string, Precedence: p['Precedence'] as number }));
  }
  for (const [id, raw] of r.resourcesOf(stack, 'AWS::Cognito::UserPoolClient')) {
    const p = props(raw);
    const { UserPoolClient } = await aws.cognito.send(new CreateUserPoolClientCommand(p as unknown as CreateUserPoolClientCommandInput));
    r.register(stack, id, { ref: UserPoolClient!.ClientId!, attrs: { ClientId: UserPoolClient!.ClientId! } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::Events::EventBus')) {
    const p = props(raw);
    const out = await aws.events.send(new CreateEventBusCommand({ Name: String(p['Name']) }));
    r.register(stack, id, { ref: String(p['Name']), attrs: { Arn: out.EventBusArn!, Name: String(p['Name']) } });
  }
  for (const [id, raw] of r.resourcesOf(stack, 'AWS::Events::Rule')) {
    const p = props(raw);
    const Name = (p['Name'] as string | undefined) ?? nameFor(stack, id, 64);
    const EventBusName = p['EventBusName'] as string | undefined;
    const out = await aws.events.send(new PutRuleCommand({
      Name,
      EventBusName,
      Description: p['Description'] as string,
      State: p['State'] as 'ENABLED',
      ...(p['EventPattern'] !== undefined && { EventPattern: JSON.stringify(p['EventPattern']) }),
      ...(p['ScheduleExpression'] !== undefined && { ScheduleExpression: String(p['ScheduleExpression']) }),
    }));
    const Targets = (p['Targets'] as Target[] | undefined) ?? [];
    if (Targets.length) await aws.events.send(new PutTargetsCommand({ Rule: Name, EventBusName, Targets }));
    r.register(stack, id, { ref: Name, attrs: { Arn: out.RuleArn! } });
  }

  for (const [id, raw] of r.resourcesOf(stack, 'AWS::SES::ConfigurationSet')) {
    const p = props(raw);
    const ConfigurationSetName = (p['Name'] as string | undefined) ?? nameFor(stack, id, 64);
    await aws.ses.send(new CreateConfigurationSetCommand({ ...(without(p, 'Name') as unknown as CreateConfigurationSetCommandInput), ConfigurationSetName }));
    r.register(stack, id, { ref: ConfigurationSetName });
  }
  for (const [id, raw] of r.resourcesOf(stack, 'AWS::SES::EmailIdentity')) {
    const p = props(raw);
    const cs = p['ConfigurationSetAttributes'] as { ConfigurationSetName?: string } | undefined;
    // moto verifies an identity on creation; on AWS the DKIM records (stack outputs) must be published first.
    await aws.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: String(p['EmailIdentity']), ...(cs?.ConfigurationSetName && { ConfigurationSetName: cs.ConfigurationSetName }) }));
    r.register(stack, id, { ref: String(p['EmailIdentity']) });
  }
}
