import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { readAssembly, synthesize, type Synthesized } from './artifacts.js';
import { isGetStackOutputFalsePositive, lint, type LintFinding } from './cfn-lint.js';
import { functionSpec, startFunction, type LambdaProcess } from './lambda-host.js';
import { startMoto, type MotoServer } from './moto-server.js';
import { motoClients, provisionStack, type MotoClients } from './provision.js';
import { TemplateResolver, type SynthStack } from './template-resolver.js';

export const REGION = 'us-east-1';
const COMPREHEND_MOCK = fileURLToPath(new URL('./comprehend-mock.mjs', import.meta.url));

/** Everything one run shares: one synth, one lint, one moto server, one process per function. */
export class Rehearsal {
  private readonly processes = new Map<string, LambdaProcess>();

  private constructor(
    readonly built: Synthesized,
    readonly lintFindings: readonly LintFinding[],
    readonly moto: MotoServer,
    readonly aws: MotoClients,
    readonly resolver: TemplateResolver,
    private readonly ownsAssembly: boolean,
  ) {}

  /** `assembly`: an already synthesized folder to reuse (kept afterwards), else a fresh synth (removed at stop). */
  static async start(assembly?: string): Promise<Rehearsal> {
    const built = assembly ? readAssembly(assembly) : synthesize();
    const owned = !assembly;
    try {
      const findings = lint(built.templateFiles);
      const moto = await startMoto();
      const resolver = new TemplateResolver(built.stacks, REGION);
      const aws = motoClients(moto.endpoint, REGION);
      const r = new Rehearsal(built, findings, moto, aws, resolver, owned);
      try {
        // The stacks in their deployment order (the manifest lists dependencies first).
        for (const id of ['OuvidorStateful', 'OuvidorService']) await provisionStack(aws, resolver, resolver.stack(id));
      } catch (error) {
        await moto.stop();
        throw error;
      }
      return r;
    } catch (error) {
      if (owned) rmSync(built.outdir, { recursive: true, force: true });
      throw error;
    }
  }

  get stateful(): SynthStack {
    return this.resolver.stack('OuvidorStateful');
  }
  get service(): SynthStack {
    return this.resolver.stack('OuvidorService');
  }

  /** cfn-lint's errors other than the one known false positive. */
  get lintErrors(): LintFinding[] {
    return this.lintFindings.filter((f) => f.level === 'Error' && !isGetStackOutputFalsePositive(f));
  }

  /** The Lambda runtime's variables and the moto endpoint for every SDK client (the SDK's standard overrides). */
  runtimeEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL: this.moto.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: this.moto.endpoint,
      ...extra,
    };
  }

  /**
   * The process of the service stack's function `<prefix><hash>` (started on first use, then reused);
   * `variant` names a second process of the same function with other runtime variables.
   */
  async fn(prefix: string, opts: { variant?: string; env?: Record<string, string>; comprehendMock?: boolean } = {}): Promise<LambdaProcess> {
    const key = `${prefix}/${opts.variant ?? ''}`;
    let p = this.processes.get(key);
    if (!p) {
      const spec = functionSpec(this.built, this.resolver, this.service, prefix);
      p = await startFunction(spec, this.runtimeEnv(opts.env), opts.comprehendMock ? ['--import', COMPREHEND_MOCK] : []);
      this.processes.set(key, p);
    }
    return p;
  }

  /** The function a route's integration invokes (from the template: route → integration → function). */
  routeFunction(routeKey: string): string {
    const t = this.service.template;
    const route = Object.values(t.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties?.['RouteKey'] === routeKey);
    if (!route) throw new Error(`no route ${routeKey}`);
    const integrationId = JSON.stringify(route.Properties?.['Target']).match(/"Ref":"([^"]+)"/)?.[1];
    const uri = t.Resources[integrationId ?? '']?.Properties?.['IntegrationUri'] as { 'Fn::GetAtt': [string, string] };
    return uri['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '');
  }

  async api(routeKey: string, event: unknown): Promise<{ statusCode: number; body?: string; headers?: Record<string, string> }> {
    return (await this.fn(this.routeFunction(routeKey))).invoke(event);
  }

  /** A Cognito user in `group` with a permanent password, signed in with USER_PASSWORD_AUTH: its id token. */
  async signIn(email: string, group: string): Promise<string> {
    const UserPoolId = this.resolver.str(this.stateful, { Ref: this.logicalId(this.stateful, 'AWS::Cognito::UserPool') });
    const ClientId = this.resolver.str(this.stateful, { Ref: this.logicalId(this.stateful, 'AWS::Cognito::UserPoolClient') });
    const password = 'Rehearsal-Pa55word!';
    await this.aws.cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }));
    await this.aws.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }));
    await this.aws.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: group }));
    const out = await this.aws.cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }));
    const token = out.AuthenticationResult?.IdToken;
    if (!token) throw new Error(`no id token for ${email}: ${JSON.stringify(out)}`);
    return token;
  }

  logicalId(stack: SynthStack, type: string, prefix = ''): string {
    const ids = Object.entries(stack.template.Resources).filter(([id, r]) => r.Type === type && id.startsWith(prefix)).map(([id]) => id);
    if (ids.length !== 1) throw new Error(`${stack.id}: ${ids.length} ${type} named ${prefix}*`);
    return ids[0]!;
  }

  /** A resource's properties, resolved to the physical names/ARNs created in moto. */
  props(stack: SynthStack, logicalId: string): Record<string, unknown> {
    return this.resolver.resolve(stack, stack.template.Resources[logicalId]?.Properties ?? {}) as Record<string, unknown>;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.processes.values()].map((p) => p.stop()));
    await this.moto.stop();
    if (this.ownsAssembly) rmSync(this.built.outdir, { recursive: true, force: true });
  }
}
