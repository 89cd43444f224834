import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LayerVersion,
  type ILayerVersion,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_INDEXES } from '../shared/adapters/dynamo-table.definition.js';

import { LAMBDA_BUNDLING, POWERTOOLS_LAYER_PARAMETER } from './lambda-bundling.js';
import { REPO_ROOT } from './repo-root.js';

export { REPO_ROOT };

const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/** Explicit index ARNs (no `index/*` wildcard), from the shared table definition. */
function indexArns(table: ITable): string[] {
  return TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.name}`);
}

export interface OuvidorFunctionProps {
  /** Folder under functions/, e.g. `ingest-web` -> functions/ingest-web/ingest-web.handler.ts */
  readonly handlerName: string;
  readonly description?: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** Common environment (from the service stack) plus any function-specific variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** @default ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** LOG_LEVEL value (DEBUG | INFO | WARN | ERROR). @default INFO */
  readonly logLevel?: string;
  /**
   * Load the source map at init (`NODE_OPTIONS=--enable-source-maps`: stack traces point at the
   * TypeScript). The map is always deployed beside the bundle; loading it costs init time, so it is
   * off unless asked (also by setting that variable on the function when debugging). @default false
   */
  readonly sourceMapsAtRuntime?: boolean;
}

/**
 * The one way Ouvidor defines a Lambda: Node 24 on arm64, X-Ray active, ESM bundle built with the
 * local esbuild (no Docker), explicit log group, and its own role (no AWS managed policies).
 */
export class OuvidorFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly role: Role;
  public readonly logGroup: LogGroup;
  private wildcardReasons: string[] = [];

  constructor(scope: Construct, id: string, props: OuvidorFunctionProps) {
    super(scope, id);
    const entry = fileURLToPath(
      new URL(`../functions/${props.handlerName}/${props.handlerName}.handler.ts`, import.meta.url),
    );
    if (!existsSync(entry)) throw new Error(`OuvidorFunction ${id}: entry not found: ${entry}`);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ouvidor ${props.handlerName}`,
    });
    this.logGroup.grantWrite(this.role);

    const logLevel = (props.logLevel ?? 'INFO').toUpperCase();
    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: props.description ?? `ouvidor ${props.handlerName}`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      // Powertools (externals of the bundle) from the official layer of the pinned version.
      layers: [powertoolsLayer(this)],
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: toApplicationLogLevel(logLevel),
      // INFO keeps Lambda's START/END/REPORT lines (duration, memory, init) in the log group.
      systemLogLevelV2: SystemLogLevel.INFO,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      environment: {
        ...props.environment,
        LOG_LEVEL: logLevel,
        // The handler's and the SDK clients' X-Ray subsegments (shared/runtime/tracing.ts).
        POWERTOOLS_TRACE_ENABLED: 'true',
        ...(props.sourceMapsAtRuntime && { NODE_OPTIONS: '--enable-source-maps' }),
      },
      // One definition shared with local/bench/bundles.ts (what is measured is what is deployed).
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        externalModules: [...LAMBDA_BUNDLING.externalModules],
      },
    });

    // Tracing.ACTIVE adds xray:PutTraceSegments/PutTelemetryRecords, which only accept Resource "*".
    this.acknowledgeWildcardResource('X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions');
  }

  /** GetItem/BatchGetItem/Query/Scan on the table and on each index named in the shared definition. */
  public grantTableRead(table: ITable): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...TABLE_READ_ACTIONS], resources: [table.tableArn, ...indexArns(table)] }),
    );
  }

  /** PutItem/UpdateItem/DeleteItem/BatchWriteItem/ConditionCheckItem on the table (no reads, no indexes). */
  public grantTableWrite(table: ITable): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn] }));
  }

  /** Exactly `actions` on the table's items whose partition key matches one of `leadingKeys` (IAM `dynamodb:LeadingKeys`). */
  public grantTableItems(table: ITable, actions: readonly string[], leadingKeys: readonly string[]): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [table.tableArn], conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } } }),
    );
  }

  public grantTableReadWrite(table: ITable): void {
    this.grantTableRead(table);
    this.grantTableWrite(table);
  }

  /** sqs:SendMessage (+ GetQueueAttributes/GetQueueUrl) on that queue only. */
  public grantQueueSend(queue: IQueue): void {
    queue.grantSendMessages(this.role);
  }

  /** events:PutEvents on that bus only. */
  public grantPutEvents(bus: IEventBus): void {
    bus.grantPutEventsTo(this.role);
  }

  /**
   * Attaches a customer-managed policy owned by the stateful stack (e.g. `originalsReadWritePolicy`).
   * Resource policies with wildcards live next to the resource, where cdk-nag findings are stable.
   */
  public attachPolicy(policy: IManagedPolicy): void {
    this.role.addManagedPolicy(policy);
  }

  /**
   * Comprehend actions (Resource "*": the Detect APIs have no resource-level permissions), exactly
   * those the adapter calls (`COMPREHEND_IAM_ACTIONS`). Called by `grantComprehendToProcessor()`.
   */
  public grantComprehend(actions: readonly string[]): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources: ['*'] }));
    this.acknowledgeWildcardResource(`Comprehend ${actions.join(', ')} support no resource-level permissions`);
  }

  /** One cdk-nag acknowledgement for `Resource::*` per role, listing every reason (an action that takes no resource). */
  public acknowledgeWildcardResource(reason: string): void {
    this.wildcardReasons.push(reason);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: this.wildcardReasons.join('; '),
    });
  }
}

function toApplicationLogLevel(level: string): ApplicationLogLevel {
  switch (level) {
    case 'TRACE':
      return ApplicationLogLevel.TRACE;
    case 'DEBUG':
      return ApplicationLogLevel.DEBUG;
    case 'WARN':
      return ApplicationLogLevel.WARN;
    case 'ERROR':
      return ApplicationLogLevel.ERROR;
    default:
      return ApplicationLogLevel.INFO;
  }
}

/**
 * The Powertools for AWS Lambda (TypeScript) layer, once per stack: its ARN is read at deploy time
 * from AWS's public SSM parameter for the pinned version (a CloudFormation parameter of type
 * AWS::SSM::Parameter::Value<String>), so the region's own copy is used and the version matches package.json.
 */
function powertoolsLayer(scope: Construct): ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'PowertoolsLayer';
  return (stack.node.tryFindChild(id) as ILayerVersion | undefined) ?? LayerVersion.fromLayerVersionArn(stack, id, StringParameter.valueForStringParameter(stack, POWERTOOLS_LAYER_PARAMETER));
}
