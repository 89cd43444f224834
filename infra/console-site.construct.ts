import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { S3OriginAccessControl } from 'aws-cdk-lib/aws-cloudfront';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { nagFinding } from './nag-finding.util.js';

/** Where `npm run build:console` (run by `prepare` on npm install/ci) writes the console and the widget. */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../console/dist/', import.meta.url));

export interface ConsoleSiteProps {
  /**
   * Prefix of the account-wide names CloudFront requires (response headers policy, origin access
   * control), e.g. `ouvidor-prod`: CDK would otherwise derive them from the construct path, the same
   * in every stage, and a second stage in the account would collide.
   */
  readonly namePrefix: string;
  /** The API's base URL (e.g. the HTTP API endpoint); written to `config.json` at deploy time. */
  readonly apiBaseUrl: string;
  /** The built console. @default console/dist */
  readonly distDir?: string;
  /** The Cognito user pool and app client the console signs in with; written to `config.json` as `auth`. */
  readonly auth: ConsoleCognitoAuth;
}

export interface ConsoleCognitoAuth {
  readonly region: string;
  readonly userPoolId: string;
  /** The console's app client (no secret, USER_PASSWORD_AUTH). */
  readonly clientId: string;
}

/** The `config.json` the console reads at start-up (locally the runtime serves `{apiBaseUrl: '', auth: {kind: 'local'}}`). */
export const consoleConfig = (apiBaseUrl: string, auth: ConsoleCognitoAuth) => ({
  apiBaseUrl,
  auth: { kind: 'cognito' as const, region: auth.region, userPoolId: auth.userPoolId, clientId: auth.clientId },
});

/**
 * The support console (and widget.js) as a static site: a private S3 bucket behind CloudFront
 * with Origin Access Control, `index.html` as the default root object and for every unknown path
 * (SPA), security headers, and `config.json` (the API base URL and the Cognito pool/client) written next to the files.
 */
export class ConsoleSite extends Construct {
  public readonly bucket: Bucket;
  public readonly logsBucket: Bucket;
  public readonly distribution: Distribution;
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const dist = props.distDir ?? CONSOLE_DIST_DIR;
    if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, 'widget.js'))) {
      throw new Error(`The console is not built (${dist} has no index.html/widget.js): run 'npm run build:console' (npm install runs it) before cdk synth.`);
    }

    // Access logs of the site bucket and of CloudFront (standard logging needs ACLs on its bucket).
    this.logsBucket = new Bucket(this, 'LogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 'console-bucket/',
      // Only built files (rebuilt by every deploy): emptied on stack deletion, so deleting the stack works.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const apiOrigin = props.apiBaseUrl;
    // The console calls Cognito's JSON API (InitiateAuth, RespondToAuthChallenge) from the browser.
    const cognitoOrigin = `https://cognito-idp.${props.auth.region}.amazonaws.com`;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${props.namePrefix}-console-security-headers`,
      comment: 'Ouvidor console: CSP, HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy:
            `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${apiOrigin} ${cognitoOrigin}; ` +
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Ouvidor console',
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new S3OriginAccessControl(this, 'OriginAccessControl', { originAccessControlName: `${props.namePrefix}-console` }),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // SPA: a path that is not a file (S3 answers 403 without ListBucket, or 404) gets the app.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    // Hashed assets never change; everything else is revalidated. Old assets stay (prune off) for open tabs.
    new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(join(dist, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      prune: false,
      memoryLimit: 256,
    });
    new BucketDeployment(this, 'DeployApp', {
      sources: [Source.asset(dist, { exclude: ['assets', 'assets/*', 'config.json'] }), Source.jsonData('config.json', consoleConfig(props.apiBaseUrl, props.auth))],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json', '/widget.js'],
      memoryLimit: 256,
    });

    this.acknowledgeFindings();
    new CfnOutput(this, 'ConsoleUrl', { value: this.url, description: 'The support console (and /widget.js)' });
  }

  /** cdk-nag findings that CloudFront defaults and CDK's BucketDeployment handler cannot avoid. */
  private acknowledgeFindings(): void {
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate cannot pin TLSv1.2; a custom domain with its ACM certificate sets TLSv1.2_2021.' },
      { id: 'AwsSolutions-CFR1', reason: 'A support console for a team: no geo restriction by default; access is enforced by the API (JWT).' },
      { id: 'AwsSolutions-CFR2', reason: 'Static files only (the API has its own throttling); attach a WAF web ACL per deployment if needed.' },
    );
    // CDK's BucketDeployment custom resource (a singleton Lambda in the stack).
    const stack = Stack.of(this);
    const qualifier = String(this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER);
    const assetsBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace('${Qualifier}', qualifier);
    // A region-bound stack (context ouvidor:region) gets the region and partition as literals in the bucket ARN.
    const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
    const assetsBucketFinding = `arn:${known(stack.partition, '<AWS::Partition>')}:s3:::${assetsBucket
      .replace('${AWS::Region}', known(stack.region, '${AWS::Region}'))
      .replace(/\$\{/g, '<')
      .replace(/\}/g, '>')}`;
    const handlers = stack.node.children.filter((c: IConstruct) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const handler of handlers) {
      const copies = "CDK's BucketDeployment handler copies object prefixes from the CDK assets bucket into the site bucket";
      Validations.of(handler).acknowledge(
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole for its logs." },
        ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: copies })),
        { id: `AwsSolutions-IAM5[Resource::${nagFinding(this, `${this.bucket.bucketArn}/*`)}]`, reason: copies },
        { id: `AwsSolutions-IAM5[Resource::${assetsBucketFinding}/*]`, reason: copies },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudFront CreateInvalidation/GetInvalidation (after a deployment) support no resource-level permissions in CDK\'s handler.' },
        { id: 'AwsSolutions-L1', reason: "The runtime of CDK's BucketDeployment handler is set by aws-cdk-lib." },
      );
    }
  }
}
