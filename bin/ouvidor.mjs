#!/usr/bin/env node
// The `ouvidor` command: runs the TypeScript sources through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

// Node 20 is supported here; the SDK's notice about its future Node 22 floor is noise for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../local/cli.ts');
