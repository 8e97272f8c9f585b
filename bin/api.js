#!/usr/bin/env node
// Runs the compiled API (npm run build) with the monorepo's path aliases resolved to dist/.
require('./register-paths');
require('../dist/apps/api/src/main.js');
