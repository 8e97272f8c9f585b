#!/usr/bin/env node
// Writes the compiled API's OpenAPI and AsyncAPI documents into a directory (default
// $TMPDIR/mesas-contracts) and prints their paths: `npm run lint:contracts` lints them.
require('./register-paths');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const { writeContracts } = require('../dist/apps/api/src/http/contracts-export.js');

writeContracts(process.argv[2] || join(tmpdir(), 'mesas-contracts')).then(
  (files) => {
    console.log(files.join('\n'));
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
