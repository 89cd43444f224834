import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The string cdk-nag 3 uses for a resource in an IAM5 finding (a copy of its flattenCfnReference),
 * so one specific wildcard can be acknowledged (`AwsSolutions-IAM5[Resource::<this>]`) without
 * hard-coding logical ids. Only use it for tokens local to `scope`'s stack: cross-stack references
 * are rewritten after construction and would no longer match.
 */
export function nagFinding(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (node === undefined) return '';
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    const n = node as Record<string, unknown>;
    if (Array.isArray(n['Fn::Join'])) {
      const [delimiter, items] = n['Fn::Join'] as [string, unknown[]];
      return items.map(visit).join(delimiter);
    }
    if (n['Fn::Sub'] !== undefined) return visit(n['Fn::Sub']);
    if (Array.isArray(n['Fn::GetAtt'])) {
      const [resource, attribute] = n['Fn::GetAtt'] as [unknown, unknown];
      return `<${visit(resource)}.${visit(attribute)}>`;
    }
    if (n['Fn::ImportValue'] !== undefined) return visit(n['Fn::ImportValue']);
    if (n['Ref'] !== undefined) return `<${visit(n['Ref'])}>`;
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(value));
}

/**
 * cdk-nag findings on CDK's own S3 auto-delete-objects provider (`autoDeleteObjects: true`), a
 * singleton in the stack whose role and runtime aws-cdk-lib sets. Call after the buckets exist.
 */
export function acknowledgeAutoDeleteProvider(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::S3AutoDeleteObjects')) continue;
    Validations.of(child).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's S3 auto-delete-objects handler (empties a bucket when its stack is deleted); its role is CDK-managed.",
      },
      { id: 'AwsSolutions-L1', reason: "The runtime of CDK's S3 auto-delete-objects handler is set by aws-cdk-lib." },
    );
  }
}
