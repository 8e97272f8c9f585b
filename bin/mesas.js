#!/usr/bin/env node
// The `mesas` CLI (npx mesas ...): runs the compiled code under dist/ (npm install builds it).
require('./register-paths');
const { runCli } = require('../dist/apps/cli/src/main.js');

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
