// CDK entry point (cdk.json: "npx tsx infra/app.ts"). The CLI sets CDK_OUTDIR; the app synthesizes on exit.
import { createOuvidorApp } from './ouvidor-app.factory.js';

createOuvidorApp();
