/**
 * Resolves the intrinsics of the synthesized templates (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`,
 * `Fn::Select`, `Fn::ImportValue`, `Fn::GetStackOutput`, conditions) to the names/ARNs/URLs of what
 * the rehearsal created in moto. Anything it was not told about throws, naming it: a function's
 * environment can only be given values that really exist.
 */
export interface CfnTemplate {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown>; Condition?: string }>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  readonly Parameters?: Record<string, { Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
}

export interface SynthStack {
  /** The construct id (`OuvidorStateful`). */
  readonly id: string;
  /** The physical stack name (`ouvidor-dev-stateful`), what `Fn::GetStackOutput` names. */
  readonly stackName: string;
  readonly template: CfnTemplate;
}

export interface Physical {
  /** What `Ref` answers. */
  readonly ref: string;
  /** What `Fn::GetAtt` answers, by attribute. */
  readonly attrs?: Readonly<Record<string, string>>;
}

export const ACCOUNT = '123456789012';

export class TemplateResolver {
  private readonly physical = new Map<string, Physical>();

  constructor(private readonly stacks: readonly SynthStack[], readonly region: string) {}

  stack(id: string): SynthStack {
    const s = this.stacks.find((x) => x.id === id || x.stackName === id);
    if (!s) throw new Error(`no synthesized stack ${id}`);
    return s;
  }

  register(stack: SynthStack, logicalId: string, value: Physical): void {
    this.physical.set(`${stack.stackName}/${logicalId}`, value);
  }

  has(stack: SynthStack, logicalId: string): boolean {
    return this.physical.has(`${stack.stackName}/${logicalId}`);
  }

  /** The resources of a type whose condition holds, in template order. */
  resourcesOf(stack: SynthStack, type: string): Array<[string, Record<string, unknown>]> {
    return Object.entries(stack.template.Resources)
      .filter(([, r]) => r.Type === type && (!r.Condition || this.condition(stack, r.Condition)))
      .map(([id, r]) => [id, r.Properties ?? {}]);
  }

  condition(stack: SynthStack, name: string): boolean {
    const expr = stack.template.Conditions?.[name];
    if (expr === undefined) throw new Error(`${stack.id}: unknown condition ${name}`);
    return Boolean(this.evaluate(stack, expr));
  }

  /** A string value (throws if the template gives anything else). */
  str(stack: SynthStack, value: unknown): string {
    const v = this.resolve(stack, value);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Error(`${stack.id}: ${JSON.stringify(value)} is not a scalar`);
    return String(v);
  }

  resolve(stack: SynthStack, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(stack, v));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const key = entries[0]?.[0];
    if (entries.length === 1 && key && (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')) return this.evaluate(stack, value);
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(stack, v)]));
  }

  private evaluate(stack: SynthStack, expr: unknown): unknown {
    if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return this.resolve(stack, expr);
    const [[fn, arg]] = Object.entries(expr) as [[string, unknown]];
    switch (fn) {
      case 'Ref':
        return this.ref(stack, arg as string);
      case 'Fn::GetAtt': {
        const [id, attr] = typeof arg === 'string' ? (arg.split('.') as [string, string]) : (arg as [string, string]);
        return this.getAtt(stack, id, attr);
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        return (this.resolve(stack, parts) as unknown[]).map(String).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (this.resolve(stack, list) as unknown[])[Number(this.resolve(stack, index))];
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return this.str(stack, source).split(sep);
      }
      case 'Fn::Sub': {
        const [text, vars] = typeof arg === 'string' ? [arg, {}] : (arg as [string, Record<string, unknown>]);
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) =>
          name in vars ? this.str(stack, vars[name]) : name.includes('.') ? this.getAtt(stack, ...(name.split('.', 2) as [string, string])) : this.ref(stack, name),
        );
      }
      case 'Fn::ImportValue':
        return this.importValue(this.str(stack, arg));
      case 'Fn::GetStackOutput': {
        const { StackName, OutputName } = arg as { StackName: unknown; OutputName: unknown };
        const source = this.stack(this.str(stack, StackName));
        return this.output(source, this.str(stack, OutputName));
      }
      case 'Fn::Equals': {
        const [a, b] = arg as [unknown, unknown];
        return this.resolve(stack, a) === this.resolve(stack, b);
      }
      case 'Fn::Not':
        return !this.evaluate(stack, (arg as unknown[])[0]);
      case 'Fn::And':
        return (arg as unknown[]).every((c) => this.evaluate(stack, c));
      case 'Fn::Or':
        return (arg as unknown[]).some((c) => this.evaluate(stack, c));
      case 'Fn::If': {
        const [cond, yes, no] = arg as [string, unknown, unknown];
        return this.resolve(stack, this.condition(stack, cond) ? yes : no);
      }
      case 'Condition':
        return this.condition(stack, arg as string);
      default:
        throw new Error(`${stack.id}: the rehearsal does not resolve ${fn}`);
    }
  }

  private ref(stack: SynthStack, name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.region,
      'AWS::AccountId': ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stack.stackName,
    };
    if (name in pseudo) return pseudo[name]!;
    const param = stack.template.Parameters?.[name];
    if (param) return String(param.Default ?? '');
    return this.physicalOf(stack, name).ref;
  }

  private getAtt(stack: SynthStack, id: string, attr: string): string {
    const value = this.physicalOf(stack, id).attrs?.[attr];
    if (value === undefined) throw new Error(`${stack.id}: no ${attr} known for ${id}`);
    return value;
  }

  private physicalOf(stack: SynthStack, id: string): Physical {
    const p = this.physical.get(`${stack.stackName}/${id}`);
    if (!p) throw new Error(`${stack.id}: ${id} (${stack.template.Resources[id]?.Type ?? 'unknown'}) was not created in the rehearsal`);
    return p;
  }

  private output(stack: SynthStack, name: string): unknown {
    const out = stack.template.Outputs?.[name];
    if (!out) throw new Error(`${stack.id} has no output ${name}`);
    return this.resolve(stack, out.Value);
  }

  private importValue(exportName: string): unknown {
    for (const s of this.stacks) {
      for (const out of Object.values(s.template.Outputs ?? {})) {
        if (out.Export && this.resolve(s, out.Export.Name) === exportName) return this.resolve(s, out.Value);
      }
    }
    throw new Error(`no stack exports ${exportName}`);
  }
}
