import { buildApp } from '../app.js';

// The CLI synthesises on exit; context (postkeep:bundling, publicBaseUrl) comes from cdk.json or -c.
buildApp();
