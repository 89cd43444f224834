import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { ConsoleSite } from '../../infra/console-site.construct.js';

const AUTH = { region: 'sa-east-1', userPoolId: 'sa-east-1_AbC123', clientId: 'console-client-id' };

/** The generated config.json of the app deployment (its second source, a staged asset), with its deploy-time markers. */
function deployedConfig(app: App, template: Template): { json: string; config: unknown; markers: Record<string, unknown> } {
  const app_ = Object.values(template.findResources('Custom::CDKBucketDeployment')).find((d) => (d['Properties']['SourceObjectKeys'] as unknown[]).length === 2)!;
  const key = String((app_['Properties']['SourceObjectKeys'] as string[])[1]).replace(/\.zip$/, '');
  const json = readFileSync(join(app.outdir, `asset.${key}`, 'config.json'), 'utf8');
  const markers = ((app_['Properties']['SourceMarkers'] as Record<string, unknown>[] | undefined) ?? [])[1] ?? {};
  return { json, config: JSON.parse(json), markers };
}

describe('ConsoleSite (S3 + CloudFront static console)', () => {
  let template: Template;
  let app: App;
  beforeAll(async () => {
    await buildConsole({ ifMissing: true });
    app = new App({ outdir: mkdtempSync(join(tmpdir(), 'ouvidor-console-cdk-')) });
    const stack = new Stack(app, 'Console');
    new ConsoleSite(stack, 'Site', { namePrefix: 'ouvidor-test', apiBaseUrl: 'https://api.example.com', auth: AUTH });
    template = Template.fromStack(stack);
  });

  it('keeps the bucket private, encrypted and TLS-only, reachable through CloudFront OAC only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-bucket/' }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) },
    });
  });

  it('serves index.html at / and for unknown paths (SPA), HTTPS only, with security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
        ],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'self'.*connect-src 'self' https://api.example.com"), Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          StrictTransportSecurity: Match.objectLike({ Override: true }),
        }),
      }),
    });
  });

  it('deploys console/dist (hashed assets immutable, the rest no-cache) and writes config.json with the API URL', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    const json = JSON.stringify(deployments);
    expect(json).toContain('immutable');
    expect(json).toContain('no-cache');
    expect(json).toContain('/index.html');
    // The app deployment has two sources: console/dist (without assets/) and the generated config.json.
    expect(deployments.map((d) => (d['Properties']['SourceObjectKeys'] as unknown[]).length).sort()).toEqual([1, 2]);
  });

  it('writes config.json with the API URL and the Cognito region, user pool id and client id', () => {
    expect(deployedConfig(app, template).config).toEqual({
      apiBaseUrl: 'https://api.example.com',
      auth: { kind: 'cognito', region: 'sa-east-1', userPoolId: 'sa-east-1_AbC123', clientId: 'console-client-id' },
    });
    // The browser calls Cognito's JSON API directly: allowed by the CSP.
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("connect-src 'self' https://api.example.com https://cognito-idp.sa-east-1.amazonaws.com;") }),
        }),
      }),
    });
  });

  it('resolves deploy-time values (region, pool and client from other stacks) into config.json', () => {
    const tokenApp = new App({ outdir: mkdtempSync(join(tmpdir(), 'ouvidor-console-cdk-')) });
    const stack = new Stack(tokenApp, 'Tokens');
    const pool = new CfnParameter(stack, 'PoolId').valueAsString;
    const client = new CfnParameter(stack, 'ClientId').valueAsString;
    new ConsoleSite(stack, 'Site', { namePrefix: 'ouvidor-test', apiBaseUrl: 'https://api.example.com', auth: { region: stack.region, userPoolId: pool, clientId: client } });
    const { config, markers } = deployedConfig(tokenApp, Template.fromStack(stack));
    const auth = (config as { auth: Record<string, string> }).auth;
    expect(auth['kind']).toBe('cognito');
    expect(markers[auth['region']!]).toEqual({ Ref: 'AWS::Region' });
    expect(markers[auth['userPoolId']!]).toEqual({ Ref: 'PoolId' });
    expect(markers[auth['clientId']!]).toEqual({ Ref: 'ClientId' });
  });

  it('has no unacknowledged cdk-nag errors', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
  });

  it('fails clearly when the console is not built', () => {
    const stack = new Stack(new App(), 'Missing');
    expect(() => new ConsoleSite(stack, 'Site', { namePrefix: 'ouvidor-test', apiBaseUrl: 'https://api.example.com', auth: AUTH, distDir: mkdtempSync(join(tmpdir(), 'no-dist-')) })).toThrow(/npm run build:console/);
  });
});
