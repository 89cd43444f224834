import { fileURLToPath } from 'node:url';

/** The repository's root folder (no aws-cdk-lib import: the local bench and tests load it too). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
