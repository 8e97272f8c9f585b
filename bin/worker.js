#!/usr/bin/env node
// Runs the compiled worker (npm run build): projections out of the request path, no HTTP.
require('./register-paths');
require('../dist/apps/worker/src/main.js');
